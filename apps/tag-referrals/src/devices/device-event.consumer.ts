import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Role } from '@oversight/auth';
import { EventOf, Topics } from '@oversight/contracts';
import { HandlerContext, PermanentProcessingError } from '@oversight/messaging';
import { createLogger } from '@oversight/observability';
import { addWorkingDays, defaultEnglandAndWalesCalendar, isIsoDate } from '@oversight/working-days';
import { asDate } from '../common/dates';
import { dataReviewTaskId } from '../episodes/episode.activities';
import { Prisma } from '../generated/prisma/client';
import { storeLocationPoints } from '../locations/store-location-points';

/** Alert and summary kinds the monitoring platform sends (vru-notes 3.2, 3.5). */
export const DEVICE_EVENT_KINDS = [
  'STRAP_OFF',
  'TAMPER',
  'LOW_BATTERY',
  'CHARGER_ON',
  'CHARGER_OFF',
  'SIGNAL_LOSS',
  'ZONE',
  'DAILY_SUMMARY',
] as const;

const UK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/**
 * Device events from the monitoring platform (vru.tag-device-event-reported.v1). Each one lands on the next
 * working day's data-review task of the episode (created if needed): a practitioner reviews it then, as the Kent
 * model does (domain.md 3.1.3: not a panic alarm). Nothing here acts on the person: the episode is voluntary
 * (domain.md 3.4.5), so there is no enforcement path to start. Unknown serials, tags with no open episode and
 * malformed events are parked for an operator, never dropped.
 */
@Controller()
export class DeviceEventConsumer {
  private readonly log = createLogger('DeviceEventConsumer');

  @EventPattern(Topics.tagDeviceEventReported.name)
  async onDeviceEvent(
    @Payload() event: EventOf<typeof Topics.tagDeviceEventReported>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const tx = ctx.tx as unknown as Prisma.TransactionClient;
    if (!(DEVICE_EVENT_KINDS as readonly string[]).includes(event.kind))
      throw new PermanentProcessingError(`unknown device event kind ${event.kind}`);
    const observedAt = new Date(event.observedAt);
    if (!event.observedAt || Number.isNaN(observedAt.getTime()))
      throw new PermanentProcessingError(`observedAt ${event.observedAt} is not an instant`);
    if (event.kind === 'DAILY_SUMMARY' && !isIsoDate(event.summaryDate))
      throw new PermanentProcessingError('a DAILY_SUMMARY needs summaryDate YYYY-MM-DD');
    if (!/^[0-9a-f-]{36}$/i.test(event.deviceEventId))
      throw new PermanentProcessingError('deviceEventId must be a UUID');
    const tag = await tx.tag.findUnique({
      where: { serial: event.tagSerial },
      select: { status: true, referralId: true },
    });
    if (!tag) throw new PermanentProcessingError(`unknown tag serial ${event.tagSerial}`);
    if (tag.status !== 'FITTED' || !tag.referralId)
      throw new PermanentProcessingError(`tag ${event.tagSerial} has no open episode (it is ${tag.status})`);
    const referral = await tx.referral.findUniqueOrThrow({
      where: { id: tag.referralId },
      select: { reference: true, monitoringBasis: true },
    });
    if (referral.monitoringBasis !== 'VOLUNTARY')
      throw new PermanentProcessingError(
        'not a voluntary episode: no workflow of this service may act on it',
      );
    const reviewOn = addWorkingDays(UK_DAY.format(observedAt), 1, defaultEnglandAndWalesCalendar());
    const taskId = dataReviewTaskId(tag.referralId, reviewOn);
    // The platform may resend the same event under a new message id: one row per platform event id.
    const inserted = await tx.$executeRaw`
      INSERT INTO device_event (id, tag_serial, referral_id, kind, observed_at, task_id)
      VALUES (${event.deviceEventId}::uuid, ${event.tagSerial}, ${tag.referralId}::uuid, ${event.kind}, ${observedAt}, ${taskId}::uuid)
      ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) return;
    // Location fixes go apart (schema `location`), never into the device event, its task or any event.
    const episode = await tx.episode.findUnique({
      where: { referralId: tag.referralId },
      select: { fittedOn: true },
    });
    const locationPoints = await storeLocationPoints(tx, {
      deviceEventId: event.deviceEventId,
      tagSerial: event.tagSerial,
      referralId: tag.referralId,
      fittedOn: episode?.fittedOn ?? new Date(0),
      locations: event.locations,
    });
    const alert = {
      kind: event.kind,
      observedAt: observedAt.toISOString(),
      ...(event.summaryDate ? { summaryDate: event.summaryDate } : {}),
      ...(event.batteryPercent ? { batteryPercent: event.batteryPercent } : {}),
      ...(event.detail ? { detail: event.detail.slice(0, 500) } : {}),
    };
    const summary = `${referral.reference}: review the tag data since the last working day and check it was charged`;
    await tx.$executeRaw`
      INSERT INTO task (id, kind, referral_id, assignee, due_on, summary, detail)
      VALUES (${taskId}::uuid, 'DATA_REVIEW', ${tag.referralId}::uuid, ${Role.VruPractitioner}, ${asDate(reviewOn)}, ${summary},
              jsonb_build_object('alerts', jsonb_build_array(${JSON.stringify(alert)}::jsonb)))
      ON CONFLICT (id) DO UPDATE
        SET detail = jsonb_set(task.detail, '{alerts}', coalesce(task.detail->'alerts', '[]'::jsonb) || jsonb_build_array(${JSON.stringify(alert)}::jsonb)),
            done_at = NULL, done_by = NULL, updated_at = now()`;
    this.log.info(
      { referralId: tag.referralId, kind: event.kind, reviewOn, locationPoints },
      'device event queued for review',
    );
  }
}
