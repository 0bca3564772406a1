import { Principal } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { assessIntake } from '../../assessment/intake-assessment';
import { logChange } from '../../decision-log/decision-log';
import { assessmentColumns, intakeSummary } from '../applications.service';
import { InformationReceivedDto } from '../dto/case-actions.dto';
import { CaseActionContext, asDate, day } from './case-action.context';

/** Records what the applicant supplied, assesses the intake again, and meets the information clock. */
export async function informationReceived(
  ctx: CaseActionContext,
  id: string,
  dto: InformationReceivedDto,
  principal: Principal,
) {
  const result = await ctx.prisma.$transaction(async (tx) => {
    const app = await ctx.load(tx, id, principal, 'RECORD_INFORMATION_RECEIVED');
    const today = todayInLondon();
    for (const field of ['complaintDate', 'outcomeInformationProvidedOn', 'outcomeLetterDate'] as const) {
      const value = dto[field];
      if (value) ctx.notFuture(field, value, today, '2000-01-01');
    }
    const opt = (d: Date | null) => (d ? day(d) : undefined);
    const facts = {
      handling: app.handling,
      iopcInvestigation: app.iopcInvestigation,
      complaintDate: dto.complaintDate ?? opt(app.complaintDate),
      outcomeLetterDate: dto.outcomeLetterDate ?? opt(app.outcomeLetterDate),
      outcomeInformationProvidedOn: dto.outcomeInformationProvidedOn ?? opt(app.outcomeInformationProvidedOn),
      receivedOn: day(app.receivedOn),
      wrongBody:
        app.receivedByWrongBodyOn && app.forwardedByWrongBodyOn
          ? { receivedOn: day(app.receivedByWrongBodyOn), forwardedOn: day(app.forwardedByWrongBodyOn) }
          : undefined,
      inWriting: dto.inWriting ?? app.inWriting,
      grounds: app.grounds,
      appropriateAuthority: dto.appropriateAuthority ?? app.appropriateAuthority ?? undefined,
    };
    if (facts.complaintDate && facts.complaintDate > facts.receivedOn)
      throw new RuleViolationError([
        {
          rule: 'DATE_ORDER',
          field: 'complaintDate',
          message: 'complaintDate cannot be after the date the application was received',
        },
      ]);
    for (const later of ['outcomeInformationProvidedOn', 'outcomeLetterDate'] as const)
      if (facts.complaintDate && facts[later] && facts[later]! < facts.complaintDate)
        throw new RuleViolationError([
          { rule: 'DATE_ORDER', field: later, message: `${later} cannot be before complaintDate` },
        ]);
    if (facts.outcomeInformationProvidedOn && facts.receivedOn < facts.outcomeInformationProvidedOn)
      throw new RuleViolationError([
        {
          rule: 'DATE_ORDER',
          field: 'outcomeInformationProvidedOn',
          message: 'outcomeInformationProvidedOn cannot be after the date the application was received',
        },
      ]);
    const assessment = assessIntake(facts, ctx.rules);
    // A decision already taken on a late application stands; a newly assessable one awaits a decision.
    const columns = assessmentColumns(assessment);
    if (app.extensionDecision) delete (columns as Partial<typeof columns>).timeliness;
    await ctx.update(tx, app, {
      complaintDate: dto.complaintDate ? asDate(dto.complaintDate) : undefined,
      outcomeLetterDate: dto.outcomeLetterDate ? asDate(dto.outcomeLetterDate) : undefined,
      outcomeInformationProvidedOn: dto.outcomeInformationProvidedOn
        ? asDate(dto.outcomeInformationProvidedOn)
        : undefined,
      appropriateAuthority: dto.appropriateAuthority,
      inWriting: dto.inWriting,
      ...columns,
    });
    await logChange(tx, principal, {
      application: app,
      action: 'INFORMATION_RECEIVED',
      fromStatus: app.status,
      toStatus: app.status,
      reason: intakeSummary(assessment),
      effectiveOn: today,
      details: { supplied: Object.keys(dto) },
    });
    return {
      id,
      missing: assessment.validity.missing,
      timeLimit: assessment.timeLimit.status,
      eligibility: assessment.eligibility.route,
    };
  });
  await ctx.clocks.signalMetIfRunning(id, 'INFORMATION_REQUEST');
  return result;
}
