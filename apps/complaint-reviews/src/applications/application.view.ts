import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseFileRequestView } from '../case-file/case-file.view';

export class ApplicationSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty() team: string;
  @ApiProperty() restricted: boolean;
  @ApiProperty() receivedOn: string;
  @ApiPropertyOptional() assignedTo?: string | null;
  @ApiPropertyOptional() acknowledgementDueOn?: string | null;
  @ApiPropertyOptional() acknowledgementStatus?: string | null;
}

export class ApplicationView extends ApplicationSummaryView {
  @ApiProperty() channel: string;
  @ApiProperty() forceComplaintReference: string;
  @ApiPropertyOptional() complaintDate?: string | null;
  @ApiProperty() handling: string;
  @ApiPropertyOptional() outcomeLetterDate?: string | null;
  @ApiPropertyOptional() outcomeInformationProvidedOn?: string | null;
  @ApiProperty() grounds: string;
  @ApiProperty() complainant: {
    id: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    postalAddress?: string | null;
    contactPreference: string;
  };
  @ApiProperty() clocks: Array<{ kind: string; status: string; dueOn: string }>;
  @ApiProperty({ description: 'Periods the completion clock was stopped, with reasons (open: to is null)' })
  clockStops: Array<Record<string, unknown>>;
  @ApiPropertyOptional() representative: Record<string, unknown> | null;
  @ApiProperty() iopcInvestigation: string;
  @ApiPropertyOptional() appropriateAuthority: string | null;
  @ApiProperty() inWriting: boolean;
  @ApiPropertyOptional() wrongBodyPeriod: { receivedOn: string; forwardedOn: string } | null;
  @ApiProperty() attachments: Array<Record<string, unknown>>;
  @ApiProperty({ description: 'Intake assessment by the review rules, with reasons and rule ids' })
  assessment: Record<string, unknown>;
  @ApiPropertyOptional() extensionDecision: Record<string, unknown> | null;
  @ApiPropertyOptional() forwardedToIopcOn: string | null;
  @ApiPropertyOptional() closureReason: string | null;
  @ApiPropertyOptional() withdrawnOn: string | null;
  @ApiPropertyOptional() decision: Record<string, unknown> | null;
  @ApiProperty() recommendations: Array<Record<string, unknown>>;
  @ApiProperty() letters: Array<Record<string, unknown>>;
  @ApiProperty({ description: 'Who was told of the application on receipt, or why not (1.4.1, 1.5.7)' })
  notifiedParties: Array<Record<string, unknown>>;
  @ApiProperty({ type: [CaseFileRequestView], description: 'Case-file requests to the force PSD (1.4.2)' })
  caseFileRequests: CaseFileRequestView[];
  @ApiProperty() decisionLog: Array<Record<string, unknown>>;
}
