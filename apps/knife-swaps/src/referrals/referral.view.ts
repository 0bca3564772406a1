import { ApiProperty } from '@nestjs/swagger';

// What GET /referrals/:id returns, typed field by field so the OpenAPI document matches the answer (the gateway's
// contract test and Schemathesis check real answers against it): a value that can be null says so, every list
// names its item type. Names carry `Skrs` because the gateway merges every service's schemas into one document.

const NullableString = { type: String, nullable: true } as const;
const Day = { example: '2026-12-01', description: 'UK date (YYYY-MM-DD)' } as const;
const NullableDay = { ...NullableString, ...Day } as const;

export const SAFE_CONTACT_CHANNELS = ['EMAIL', 'SMS', 'NONE'] as const;
export type SafeContactChannel = (typeof SAFE_CONTACT_CHANNELS)[number];

export class SkrsHouseholdMemberView {
  @ApiProperty() relationship: string;
  @ApiProperty({ enum: ['UNDER_10', '10_17', '18_24', '25_PLUS'] }) ageBand: string;
}

/** Another referral of the same household, as far as the reader may know of it: nothing personal. */
export class SkrsOtherReferralView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty() reason: string;
  @ApiProperty() domesticAbuse: boolean;
  @ApiProperty() referringOrganisation: string;
  @ApiProperty(Day) referredOn: string;
  @ApiProperty(NullableDay) swappedOn: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) knivesSurrendered: number | null;
}

export class SkrsHouseholdView {
  @ApiProperty({ type: [String] }) addressLines: string[];
  @ApiProperty() postcode: string;
  @ApiProperty({ type: [SkrsHouseholdMemberView] }) members: SkrsHouseholdMemberView[];
  @ApiProperty() householderName: string;
  @ApiProperty(NullableString) householderEmail: string | null;
  @ApiProperty(NullableString) householderPhone: string | null;
  @ApiProperty({ enum: ['ENGLISH', 'WELSH'] }) language: string;
  @ApiProperty({ type: [SkrsOtherReferralView] }) otherReferrals: SkrsOtherReferralView[];
}

/**
 * How staff may contact a domestic-abuse household: the channel the referrer agreed with the victim as safe.
 * Given only to the roles whose job needs it, on a read that gave a reason (get-referral.ts).
 */
export class SkrsSafeContactView {
  @ApiProperty({
    enum: SAFE_CONTACT_CHANNELS,
    nullable: true,
    description:
      'EMAIL or SMS: write only that way, to `contact`. NONE: no written channel is safe. null: the referrer recorded none. ' +
      'NONE or null: nothing is sent; tell the household in person or through the DA adviser.',
  })
  channel: SafeContactChannel | null;
  @ApiProperty({
    ...NullableString,
    description: 'The email address (EMAIL) or phone number (SMS) agreed as safe; null otherwise',
  })
  contact: string | null;
}

export class SkrsYoungPersonView {
  @ApiProperty(NullableString) name: string | null;
  @ApiProperty(NullableDay) dateOfBirth: string | null;
}

export class SkrsHeardView {
  @ApiProperty() status: string;
  @ApiProperty() lastChange: string;
  @ApiProperty({ description: 'When the last event about it arrived (ISO 8601)' }) at: string;
}

export class SkrsLinkView {
  @ApiProperty() reference: string;
  @ApiProperty({
    type: SkrsHeardView,
    nullable: true,
    description: 'null until an event naming this reference has arrived',
  })
  heard: SkrsHeardView | null;
}

export class SkrsLinksView {
  @ApiProperty(NullableString) oocrDisposalRef: string | null;
  @ApiProperty(NullableString) tagEpisodeRef: string | null;
  @ApiProperty({ type: SkrsLinkView, nullable: true }) oocrDisposal: SkrsLinkView | null;
  @ApiProperty({ type: SkrsLinkView, nullable: true }) tagEpisode: SkrsLinkView | null;
}

export class SkrsDiscussionView {
  @ApiProperty(Day) heldOn: string;
  @ApiProperty() heldBy: string;
  @ApiProperty() protectiveFactors: string;
  @ApiProperty() homeCircumstances: string;
  @ApiProperty() youngPerson: string;
  @ApiProperty({ enum: ['ENGAGED', 'PARTLY_ENGAGED', 'NOT_ENGAGED'] }) familyEngagement: string;
}

export class SkrsEligibilityView {
  @ApiProperty({ enum: ['ELIGIBLE', 'NOT_ELIGIBLE'] }) decision: string;
  @ApiProperty(NullableString) reason: string | null;
  @ApiProperty(NullableString) by: string | null;
  @ApiProperty(NullableString) at: string | null;
}

export class SkrsConsentView {
  @ApiProperty() given: boolean;
  @ApiProperty({ type: Boolean, nullable: true }) allPointedKnives: boolean | null;
  @ApiProperty(NullableString) householderName: string | null;
  @ApiProperty(NullableString) recordedBy: string | null;
  @ApiProperty(NullableDay) recordedOn: string | null;
}

export class SkrsFollowUpView {
  @ApiProperty(Day) on: string;
  @ApiProperty(NullableString) by: string | null;
  @ApiProperty(NullableString) outcome: string | null;
  @ApiProperty(NullableString) notes: string | null;
}

export class SkrsCustodyStepView {
  @ApiProperty() action: string;
  @ApiProperty() statusAfter: string;
  @ApiProperty(NullableString) holder: string | null;
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

export class SkrsCustodyView {
  @ApiProperty() bagId: string;
  @ApiProperty() bagNumber: string;
  @ApiProperty() status: string;
  @ApiProperty() holder: string;
  @ApiProperty(Day) destructionDueOn: string;
  @ApiProperty(NullableString) certificateRef: string | null;
  @ApiProperty({ type: [SkrsCustodyStepView] }) chain: SkrsCustodyStepView[];
}

export class SkrsSwapView {
  @ApiProperty() id: string;
  @ApiProperty(Day) swappedOn: string;
  @ApiProperty() swappedBy: string;
  @ApiProperty() storeId: string;
  @ApiProperty({ enum: ['FOUR_PACK', 'SINGLE_5_INCH'] }) kitType: string;
  @ApiProperty({ type: 'integer' }) kitQuantity: number;
  @ApiProperty({ type: 'integer' }) knivesSurrendered: number;
  @ApiProperty({ type: [String] }) safetyAdvice: string[];
  @ApiProperty(Day) followUpDueOn: string;
  @ApiProperty({ type: SkrsFollowUpView, nullable: true }) followUp: SkrsFollowUpView | null;
  @ApiProperty({ type: SkrsCustodyView, nullable: true }) custody: SkrsCustodyView | null;
}

/** One referral (GET /referrals/:id). */
export class SkrsReferralView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() reason: string;
  @ApiProperty() domesticAbuse: boolean;
  @ApiProperty(NullableString) daRiskAssessmentRef: string | null;
  @ApiProperty() referringAgency: string;
  @ApiProperty() referringOrganisation: string;
  @ApiProperty(NullableString) partnerCaseRef: string | null;
  @ApiProperty() referredBy: string;
  @ApiProperty(Day) referredOn: string;
  @ApiProperty() district: string;
  @ApiProperty({ description: 'Pseudonymous household id, shared by referrals of one address' })
  householdId: string;
  @ApiProperty({ type: SkrsHouseholdView }) household: SkrsHouseholdView;
  @ApiProperty({
    type: SkrsSafeContactView,
    nullable: true,
    description:
      'Domestic-abuse referrals, to the VRU coordinator, manager and practitioner (the read gave a reason): how the ' +
      'household may safely be contacted. null on every other referral and for every other reader.',
  })
  safeContact: SkrsSafeContactView | null;
  @ApiProperty({ type: SkrsYoungPersonView, nullable: true }) youngPerson: SkrsYoungPersonView | null;
  @ApiProperty({ type: SkrsLinksView }) links: SkrsLinksView;
  @ApiProperty({ type: [SkrsDiscussionView] }) discussions: SkrsDiscussionView[];
  @ApiProperty({ type: SkrsEligibilityView, nullable: true }) eligibility: SkrsEligibilityView | null;
  @ApiProperty({ type: SkrsConsentView, nullable: true }) consent: SkrsConsentView | null;
  @ApiProperty(NullableString) withdrawnReason: string | null;
  @ApiProperty({ type: SkrsSwapView, nullable: true }) swap: SkrsSwapView | null;
}
