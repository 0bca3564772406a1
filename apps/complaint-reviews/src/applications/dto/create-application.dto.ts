import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '@oversight/nest-platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ApplicationChannel, ComplaintHandling, ContactPreference } from '../../generated/prisma/enums';

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
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant: ComplainantDto;
}
