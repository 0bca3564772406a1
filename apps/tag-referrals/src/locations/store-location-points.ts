import { EventOf, Topics } from '@oversight/contracts';
import { PermanentProcessingError } from '@oversight/messaging';
import { checkLocationPoints } from '@oversight/tag-rules';
import { Prisma } from '../generated/prisma/client';

type TagLocationPoints = EventOf<typeof Topics.tagDeviceEventReported>['locations'];

/**
 * Stores the location fixes a device event carries, apart (schema `location`, issue 11 item 7), in the consumer's
 * inbox transaction: the fixes are written once with the event, or not at all. A fix that breaks a rule (from the
 * future, before the fit, off the globe, unknown source) parks the whole event for an operator; nothing is dropped.
 * Returns how many fixes were stored (the device event's own row and task never carry them).
 */
export async function storeLocationPoints(
  tx: Prisma.TransactionClient,
  e: {
    deviceEventId: string;
    tagSerial: string;
    referralId: string;
    fittedOn: Date;
    locations: TagLocationPoints;
  },
  now = new Date(),
): Promise<number> {
  if (!e.locations?.length) return 0;
  const points = e.locations.map((l) => ({
    recordedAt: l.recordedAt,
    latitude: l.latitude,
    longitude: l.longitude,
    accuracyMetres: l.accuracyMetres,
    source: l.source,
  }));
  // fittedOn is a UK calendar date: its start can be 23:00 UTC the day before (BST).
  const fittedAt = new Date(fittedOn(e.fittedOn).getTime() - 3_600_000);
  const v = checkLocationPoints(points, { now, fittedAt });
  if (v.length)
    throw new PermanentProcessingError(
      `location fixes refused: ${v
        .slice(0, 5)
        .map((x) => `${x.rule} ${x.field}: ${x.message}`)
        .join('; ')}${v.length > 5 ? ` (+${v.length - 5} more)` : ''}`,
    );
  const n = await tx.$executeRaw`
    INSERT INTO location.location_point
      (referral_id, tag_serial, device_event_id, recorded_at, latitude, longitude, accuracy_metres, source)
    SELECT ${e.referralId}::uuid, ${e.tagSerial}, ${e.deviceEventId}::uuid, p.recorded_at, p.latitude, p.longitude,
           NULLIF(p.accuracy_metres, 0), p.source
      FROM jsonb_to_recordset(${JSON.stringify(
        points.map((p) => ({
          recorded_at: new Date(p.recordedAt).toISOString(),
          latitude: p.latitude,
          longitude: p.longitude,
          accuracy_metres: p.accuracyMetres ?? 0,
          source: p.source,
        })),
      )}::jsonb) AS p(recorded_at timestamptz, latitude double precision, longitude double precision,
                      accuracy_metres integer, source text)`;
  return n;
}

const fittedOn = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00Z`);
