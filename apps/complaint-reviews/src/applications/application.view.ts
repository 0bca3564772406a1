import { ApiProperty } from '@nestjs/swagger';
import { CaseFileRequestView } from '../case-file/case-file.view';

// What GET /applications/:id returns, typed field by field so the OpenAPI document matches the
// answer: a value that can be null says so (`nullable`), and every list names its item type.
// `Json` columns (assessment details, decision-log details) are documented as open objects.

const NullableString = { type: String, nullable: true } as const;
const OpenObject = { type: 'object', additionalProperties: true } as const;

export class PersonView {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty(NullableString) email: string | null;
  @ApiProperty(NullableString) phone: string | null;
  @ApiProperty(NullableString) postalAddress: string | null;
  @ApiProperty() contactPreference: string;
}

export class RepresentativeView extends PersonView {
  @ApiProperty(NullableString) authority: string | null;
  @ApiProperty(NullableString) authorityNote: string | null;
}

export class ClockView {
  @ApiProperty({ example: 'ACKNOWLEDGEMENT' }) kind: string;
  @ApiProperty({ example: 'RUNNING' }) status: string;
  @ApiProperty({ example: '2026-12-01' }) dueOn: string;
}

export class ClockStopView {
  @ApiProperty() from: string;
  @ApiProperty({ ...NullableString, description: 'null while the stop is open' }) to: string | null;
  @ApiProperty() reason: string;
  @ApiProperty(NullableString) note: string | null;
  @ApiProperty() stoppedBy: string;
  @ApiProperty(NullableString) restartedBy: string | null;
}

export class WrongBodyPeriodView {
  @ApiProperty() receivedOn: string;
  @ApiProperty() forwardedOn: string;
}

export class AttachmentView {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty(NullableString) description: string | null;
}

export class EligibilityView {
  @ApiProperty() route: string;
  @ApiProperty({
    type: 'array',
    items: OpenObject,
    description: 'The eligibility gates checked, with reasons and rule ids',
  })
  gates: unknown;
}

export class TimeLimitView {
  @ApiProperty() status: string;
  @ApiProperty(NullableString) deadline: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) daysLate: number | null;
  @ApiProperty({ ...OpenObject, nullable: true }) detail: unknown;
}

export class ValidityView {
  @ApiProperty({ type: [String] }) missing: string[];
  @ApiProperty(NullableString) proceedDespiteMissingReason: string | null;
  @ApiProperty({ ...OpenObject, nullable: true }) detail: unknown;
}

export class AssessmentView {
  @ApiProperty({ type: EligibilityView }) eligibility: EligibilityView;
  @ApiProperty({ type: TimeLimitView }) timeLimit: TimeLimitView;
  @ApiProperty() timeliness: string;
  @ApiProperty({ type: ValidityView }) validity: ValidityView;
  @ApiProperty(NullableString) reviewBody: string | null;
  @ApiProperty({ ...OpenObject, nullable: true }) reviewBodyAssessment: unknown;
}

export class ExtensionDecisionView {
  @ApiProperty() outcome: string;
  @ApiProperty() reasons: string;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedOn: string;
}

export class ReviewDecisionView {
  @ApiProperty() outcome: string;
  @ApiProperty() rationale: string;
  @ApiProperty(NullableString) feedbackToPsd: string | null;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedOn: string;
}

export class RecommendationView {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() text: string;
  @ApiProperty() status: string;
  @ApiProperty() responseDueOn: string;
  @ApiProperty(NullableString) forceResponse: string | null;
  @ApiProperty(NullableString) responseSteps: string | null;
  @ApiProperty(NullableString) respondedOn: string | null;
}

export class LetterView {
  @ApiProperty() id: string;
  @ApiProperty() templateKey: string;
  @ApiProperty() recipientKind: string;
  @ApiProperty() channel: string;
  @ApiProperty() language: string;
  @ApiProperty() status: string;
  @ApiProperty(NullableString) sentOn: string | null;
}

export class NotifiedPartyView {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() name: string;
  @ApiProperty(NullableString) role: string | null;
  @ApiProperty(NullableString) email: string | null;
  @ApiProperty(NullableString) postalAddress: string | null;
  @ApiProperty() decision: string;
  @ApiProperty(NullableString) withheldGround: string | null;
  @ApiProperty(NullableString) withheldReason: string | null;
  @ApiProperty(NullableString) letterId: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;
}

export class DecisionLogEntryView {
  @ApiProperty() action: string;
  @ApiProperty() actor: string;
  @ApiProperty(NullableString) reason: string | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty(OpenObject) details: unknown;
}

export class ApplicationSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty() team: string;
  @ApiProperty() restricted: boolean;
  @ApiProperty() receivedOn: string;
  @ApiProperty(NullableString) assignedTo: string | null;
  @ApiProperty(NullableString) acknowledgementDueOn: string | null;
  @ApiProperty(NullableString) acknowledgementStatus: string | null;
}

export class ApplicationView extends ApplicationSummaryView {
  @ApiProperty() channel: string;
  @ApiProperty() forceComplaintReference: string;
  @ApiProperty(NullableString) complaintDate: string | null;
  @ApiProperty() handling: string;
  @ApiProperty(NullableString) outcomeLetterDate: string | null;
  @ApiProperty(NullableString) outcomeInformationProvidedOn: string | null;
  @ApiProperty() grounds: string;
  @ApiProperty({ type: PersonView }) complainant: PersonView;
  @ApiProperty({ type: [ClockView] }) clocks: ClockView[];
  @ApiProperty({
    type: [ClockStopView],
    description: 'Periods the completion clock was stopped, with reasons (open: to is null)',
  })
  clockStops: ClockStopView[];
  @ApiProperty({ type: RepresentativeView, nullable: true }) representative: RepresentativeView | null;
  @ApiProperty() iopcInvestigation: string;
  @ApiProperty(NullableString) appropriateAuthority: string | null;
  @ApiProperty() inWriting: boolean;
  @ApiProperty({ type: WrongBodyPeriodView, nullable: true }) wrongBodyPeriod: WrongBodyPeriodView | null;
  @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
  @ApiProperty({
    type: AssessmentView,
    description: 'Intake assessment by the review rules, with reasons and rule ids',
  })
  assessment: AssessmentView;
  @ApiProperty({ type: ExtensionDecisionView, nullable: true })
  extensionDecision: ExtensionDecisionView | null;
  @ApiProperty(NullableString) forwardedToIopcOn: string | null;
  @ApiProperty(NullableString) closureReason: string | null;
  @ApiProperty(NullableString) withdrawnOn: string | null;
  @ApiProperty({ type: ReviewDecisionView, nullable: true }) decision: ReviewDecisionView | null;
  @ApiProperty({ type: [RecommendationView] }) recommendations: RecommendationView[];
  @ApiProperty({ type: [LetterView] }) letters: LetterView[];
  @ApiProperty({
    type: [NotifiedPartyView],
    description: 'Who was told of the application on receipt, or why not (1.4.1, 1.5.7)',
  })
  notifiedParties: NotifiedPartyView[];
  @ApiProperty({ type: [CaseFileRequestView], description: 'Case-file requests to the force PSD (1.4.2)' })
  caseFileRequests: CaseFileRequestView[];
  @ApiProperty({ type: [DecisionLogEntryView] }) decisionLog: DecisionLogEntryView[];
}
