import { ApiProperty, PickType } from '@nestjs/swagger';
import { Equals, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CreateApplicationDto } from '../applications/dto/create-application.dto';

/**
 * An application made by the complainant, or their representative, themselves. The same fields and
 * checks as staff intake, less what only staff decide: the channel (API), the date received (today),
 * the owning team and restriction.
 */
export class SelfServiceApplicationDto extends PickType(CreateApplicationDto, [
  'forceComplaintReference',
  'complaintDate',
  'handling',
  'outcomeLetterDate',
  'outcomeInformationProvidedOn',
  'grounds',
  'complainant',
  'representative',
  'iopcInvestigation',
  'appropriateAuthority',
  'attachments',
] as const) {
  @ApiProperty({
    description:
      'The applicant confirms the information is true to the best of their knowledge (and, for a representative, that they have the complainant’s authority)',
  })
  @Equals(true, { message: 'declaration must be true: confirm the information is true' })
  declaration: boolean;
}

/** What an applicant sees of their own application: its progress, never the reviewers' working. */
export class OwnApplicationView {
  @ApiProperty() reference: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty({
    enum: ['RECEIVED', 'UNDER_REVIEW', 'PASSED_TO_IOPC', 'DECIDED', 'WITHDRAWN', 'CLOSED'],
  })
  status: string;
  @ApiProperty({ type: String, nullable: true, description: 'When we sent the acknowledgement' })
  acknowledgedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) forwardedToIopcOn: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedOn: string | null;
  @ApiProperty({ nullable: true, enum: ['UPHELD', 'NOT_UPHELD', 'NOT_UPHELD_WITH_FEEDBACK'] })
  outcome: string | null;
}

export class OwnWithdrawalDto {
  @ApiProperty({ description: 'Why you are withdrawing the application' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
