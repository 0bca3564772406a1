import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, NestedObject, NestedObjectList } from '@oversight/nest-platform';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ApplicationChannel,
  ComplaintHandling,
  ContactPreference,
  IopcInvestigation,
  Language,
  RepresentativeAuthority,
} from '../../generated/prisma/enums';

export class ComplainantDto {
  @ApiProperty({ example: 'Harriet Vance' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ example: 'harriet.vance@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'complainant.email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '07700 900123' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'complainant.phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  postalAddress?: string;

  @ApiProperty({ enum: ContactPreference })
  @IsEnum(ContactPreference)
  contactPreference: ContactPreference;

  @ApiPropertyOptional({ enum: Language, default: Language.ENGLISH, description: 'Language of letters' })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;
}

/** Someone acting for the complainant (domain.md 1.1.4); how their authority was shown is recorded. */
export class RepresentativeDto extends ComplainantDto {
  @ApiProperty({ enum: RepresentativeAuthority })
  @IsEnum(RepresentativeAuthority)
  authority: RepresentativeAuthority;

  @ApiPropertyOptional({ description: 'What evidence of authority was seen, e.g. signed consent of 3 April' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  authorityNote?: string;
}

/** A document that came with the application: metadata only. */
export class AttachmentDto {
  @ApiProperty({ example: 'outcome-letter.pdf' })
  @Matches(/^[^/\\]{1,200}$/, { message: 'attachments.fileName must be a file name of up to 200 characters' })
  fileName: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/i, {
    message: 'attachments.mediaType must be a media type such as application/pdf',
  })
  mediaType: string;

  @ApiProperty({ example: 120344 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  sizeBytes: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

/** Time the application spent with the IOPC before it was forwarded here (domain.md 1.2.3 [P]). */
export class WrongBodyPeriodDto {
  @ApiProperty({ example: '2026-04-10' })
  @IsCalendarDate()
  receivedOn: string;

  @ApiProperty({ example: '2026-04-15' })
  @IsCalendarDate()
  forwardedOn: string;
}

/** An application for a review, as recorded by OPCC staff from post, email, phone or web form. */
export class CreateApplicationDto {
  @ApiProperty({ enum: ApplicationChannel })
  @IsEnum(ApplicationChannel)
  channel: ApplicationChannel;

  @ApiProperty({ example: '2026-04-20', description: 'Date the OPCC received the application (YYYY-MM-DD)' })
  @IsCalendarDate()
  receivedOn: string;

  @ApiProperty({
    example: 'PSD/2026/01234',
    description: "The force Professional Standards Department's complaint reference",
  })
  @Matches(/^[A-Za-z0-9/ -]{3,40}$/, {
    message: 'forceComplaintReference must be 3-40 letters, digits, spaces, "/" or "-"',
  })
  forceComplaintReference: string;

  @ApiPropertyOptional({ example: '2026-01-12' })
  @IsOptional()
  @IsCalendarDate()
  complaintDate?: string;

  @ApiProperty({ enum: ComplaintHandling })
  @IsEnum(ComplaintHandling)
  handling: ComplaintHandling;

  @ApiPropertyOptional({ example: '2026-03-30' })
  @IsOptional()
  @IsCalendarDate()
  outcomeLetterDate?: string;

  @ApiPropertyOptional({ example: '2026-04-01' })
  @IsOptional()
  @IsCalendarDate()
  outcomeInformationProvidedOn?: string;

  @ApiProperty({ description: "The complainant's grounds for the review" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  grounds: string;

  @ApiPropertyOptional({ description: 'Owning OPCC team; defaults to the caller’s team' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'team must be a team code such as opcc-reviews-east' })
  team?: string;

  @ApiPropertyOptional({ description: 'Restricted cases are visible only to the owning team and managers' })
  @IsOptional()
  @IsBoolean()
  restricted?: boolean;

  @ApiProperty({ type: ComplainantDto })
  @NestedObject(() => ComplainantDto)
  complainant: ComplainantDto;

  @ApiPropertyOptional({ type: RepresentativeDto })
  @IsOptional()
  @NestedObject(() => RepresentativeDto)
  representative?: RepresentativeDto;

  @ApiPropertyOptional({
    enum: IopcInvestigation,
    default: IopcInvestigation.NONE,
    description: 'Whether the IOPC directed or carried out the investigation (domain.md 1.1.2)',
  })
  @IsOptional()
  @IsEnum(IopcInvestigation)
  iopcInvestigation?: IopcInvestigation;

  @ApiPropertyOptional({ description: 'The appropriate authority whose decision is challenged (1.2.6)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  appropriateAuthority?: string;

  @ApiPropertyOptional({
    description: 'Whether the application is in writing; defaults to true except by phone',
  })
  @IsOptional()
  @IsBoolean()
  inWriting?: boolean;

  @ApiPropertyOptional({ type: WrongBodyPeriodDto })
  @IsOptional()
  @NestedObject(() => WrongBodyPeriodDto)
  wrongBodyPeriod?: WrongBodyPeriodDto;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @NestedObjectList(() => AttachmentDto)
  attachments?: AttachmentDto[];
}
