import {
  AdmissionStatus,
  CommunityResolutionIssued,
  OffenceClassification,
  PoliceRank,
  VictimAgreement,
  VictimViewsOutcome,
} from '@oversight/contracts';
import { Violation } from '@oversight/domain-errors';
import { PermanentProcessingError } from '@oversight/messaging';
import {
  isIsoDate,
  type AdmissionStatus as Admission,
  type OffenceClass,
  type PoliceRank as Rank,
  type VictimAgreement as Agreement,
  type VictimViewsOutcome as ViewsOutcome,
} from '@oversight/oocr-rules';
import { ETHNICITY_CODES, GENDERS, OFFENCE_GROUPS } from '../config/oocr-settings';
import type { DisposalInput } from '../disposals/disposal.input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const enumName = <E extends Record<number, string>>(e: E, value: number): string | undefined =>
  value === 0 ? undefined : e[value];

/**
 * The field app's community resolution as a disposal input. What cannot be stored at all (no id, no name, dates
 * that are not dates) is a PermanentProcessingError: the message is parked for an operator. What can be stored but
 * breaks a rule is returned as issues, for the CJ Operations review: the resolution was already given at the scene.
 */
export function fieldAppInput(e: CommunityResolutionIssued): { input: DisposalInput; issues: Violation[] } {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => void (ok || problems.push(what));
  need(UUID.test(e.resolutionId), 'resolution_id must be a UUID');
  need(isIsoDate(e.issuedOn), 'issued_on must be a date YYYY-MM-DD');
  need(Boolean(e.district), 'district is required');
  need(Boolean(e.offender?.fullName?.trim()), 'offender.full_name is required');
  need(isIsoDate(e.offender?.dateOfBirth), 'offender.date_of_birth must be a date YYYY-MM-DD');
  need(Boolean(e.offence?.code), 'offence.code is required');
  need(Boolean(e.offence?.description), 'offence.description is required');
  need(isIsoDate(e.offence?.offenceDate), 'offence.offence_date must be a date YYYY-MM-DD');
  need((e.offence?.classification ?? 0) !== 0, 'offence.classification is required');
  need(Boolean(e.issuingOfficer?.id), 'issuing_officer.id is required');
  need(e.admission !== 0, 'admission is required');
  e.victims.forEach((v, i) => {
    need(isIsoDate(v.soughtOn), `victims[${i}].sought_on must be a date YYYY-MM-DD`);
    need(v.outcome !== 0, `victims[${i}].outcome is required`);
  });
  if (problems.length)
    throw new PermanentProcessingError(
      `community resolution ${e.resolutionId || '(no id)'} cannot be stored: ${problems.join('; ')}`,
    );

  const issues: Violation[] = [];
  const offender = e.offender!;
  const offence = e.offence!;
  const gender =
    offender.gender && (GENDERS as readonly string[]).includes(offender.gender) ? offender.gender : undefined;
  if (offender.gender && !gender)
    issues.push({
      rule: 'OOCR_GENDER_CODE_UNKNOWN',
      field: 'offender.gender',
      message: `Gender code ${offender.gender} is not one of ${GENDERS.join(', ')}; it was not stored.`,
    });
  const ethnicity =
    offender.ethnicity && (ETHNICITY_CODES as readonly string[]).includes(offender.ethnicity)
      ? offender.ethnicity
      : undefined;
  if (offender.ethnicity && !ethnicity)
    issues.push({
      rule: 'OOCR_ETHNICITY_CODE_UNKNOWN',
      field: 'offender.ethnicity',
      message: 'The ethnicity code is not an 18+1 code; it was not stored.',
    });
  if (!(OFFENCE_GROUPS as readonly string[]).includes(offence.offenceGroup))
    issues.push({
      rule: 'OOCR_OFFENCE_GROUP_UNKNOWN',
      field: 'offence.offenceGroup',
      message: `Offence group ${offence.offenceGroup || '(none)'} is not a Home Office offence group.`,
    });
  const rank = enumName(PoliceRank, e.authoriser?.rank ?? 0) as Rank | undefined;
  // Victim's views (2.4.2): an event with no victims must say there is no identifiable victim; otherwise the
  // views are taken as not sought (OOCR_VICTIM_VIEWS_REQUIRED from the rules). Victims and the flag together
  // contradict each other: each victim's views are still checked, and the contradiction goes to the review.
  if (e.noIdentifiableVictim && e.victims.length > 0)
    issues.push({
      rule: 'OOCR_VICTIM_PRESENCE_CONTRADICTORY',
      field: 'noIdentifiableVictim',
      message: `The record says there is no identifiable victim but carries ${e.victims.length} victim record(s).`,
    });
  const hasIdentifiableVictim = e.victims.length > 0 || !e.noIdentifiableVictim;

  const input: DisposalInput = {
    disposalType: 'COMMUNITY_RESOLUTION',
    issueDate: e.issuedOn,
    crimeReference: e.crimeReference || undefined,
    district: e.district,
    offender: {
      fullName: offender.fullName.trim(),
      dateOfBirth: offender.dateOfBirth,
      gender,
      ethnicity,
      email: offender.email || undefined,
      phone: offender.phone || undefined,
      addressLines: offender.addressLines.length ? offender.addressLines : undefined,
    },
    offence: {
      code: offence.code,
      description: offence.description,
      classification: enumName(OffenceClassification, offence.classification) as OffenceClass,
      offenceDate: offence.offenceDate,
      offenceGroup: offence.offenceGroup || 'UNKNOWN',
      domesticAbuse: offence.domesticAbuse,
      hateCrime: offence.hateCrime,
    },
    issuingOfficer: { id: e.issuingOfficer!.id, name: e.issuingOfficer!.name || undefined },
    authoriser:
      e.authoriser?.id || rank
        ? { id: e.authoriser?.id || undefined, name: e.authoriser?.name || undefined, rank }
        : undefined,
    admission: enumName(AdmissionStatus, e.admission) as Admission,
    appropriateAdultPresent: e.appropriateAdultPresent,
    hasIdentifiableVictim,
    victims: e.victims.map((v) => ({
      views: {
        soughtOn: v.soughtOn,
        method: v.method,
        outcome: enumName(VictimViewsOutcome, v.outcome) as ViewsOutcome,
        views: v.views || undefined,
        requestedAction: v.requestedAction || undefined,
        requestedActionAttached: v.requestedAction ? v.requestedActionAttached : undefined,
        notAttachedReason: v.notAttachedReason || undefined,
        agreement: enumName(VictimAgreement, v.agreement) as Agreement | undefined,
        overrideReason: v.overrideReason || undefined,
      },
    })),
    agreedActions: e.agreedActions,
    acknowledgements: e.acknowledgements.map((a) => ({ rule: a.rule, reason: a.reason })),
  };
  return { input, issues };
}
