import { NestedObject, NestedObjectList } from '@oversight/nest-platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Language, NotifiedPartyKind } from '../generated/prisma/enums';

export class WithheldNotificationDto {
  @ApiProperty({
    description:
      'Ground for withholding (configured list, domain.md 1.5.7 [U]), e.g. PREJUDICE_TO_CRIMINAL_PROCEEDINGS, SAFETY_OF_A_PERSON, CANNOT_BE_TRACED',
  })
  @IsString()
  @Matches(/^[A-Z][A-Z_]*$/, { message: 'ground must be an UPPER_SNAKE_CASE code from the configured list' })
  ground: string;

  @ApiProperty({ description: 'Why the notification is withheld, as it will be read on review' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class NotifiedPartyDto {
  @ApiProperty({ enum: NotifiedPartyKind })
  @IsEnum(NotifiedPartyKind)
  kind: NotifiedPartyKind;

  @ApiPropertyOptional({
    description:
      'Required except for the appropriate authority (defaults to the force PSD from configuration)',
  })
  @ValidateIf(
    (o: NotifiedPartyDto) => o.kind !== NotifiedPartyKind.APPROPRIATE_AUTHORITY || o.name !== undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'e.g. "PC 1234, Maidstone" or "mother of the complainant"' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ description: 'Lines separated by new lines or commas (at least two lines)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  postalAddress?: string;

  @ApiPropertyOptional({ enum: Language, default: Language.ENGLISH })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;

  @ApiPropertyOptional({ type: WithheldNotificationDto, description: 'Record the notification as withheld' })
  @IsOptional()
  @NestedObject(() => WithheldNotificationDto)
  withheld?: WithheldNotificationDto;
}

export class NoPersonComplainedAgainstDto {
  @ApiProperty({ description: 'Why no individual is complained against (e.g. a complaint about a policy)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

/** The parties told of the application on receipt (domain.md 1.4.1 [P], 1.5.7). */
export class ReceiptNotificationsDto {
  @ApiProperty({ type: [NotifiedPartyDto] })
  @ArrayMaxSize(50)
  @NestedObjectList(() => NotifiedPartyDto)
  parties: NotifiedPartyDto[];

  @ApiPropertyOptional({ type: NoPersonComplainedAgainstDto })
  @IsOptional()
  @NestedObject(() => NoPersonComplainedAgainstDto)
  noPersonComplainedAgainst?: NoPersonComplainedAgainstDto;
}
