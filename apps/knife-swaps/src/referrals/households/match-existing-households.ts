import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import { householdMatchKey } from '@oversight/knife-swap-rules';
import { createHash } from 'node:crypto';
import { KnifeSwapsEnv } from '../../config/knife-swaps.env';
import { PrismaService } from '../../infrastructure/prisma.service';

/** Any constant: the lock that lets one worker instance match existing referrals while others skip it. */
const LOCK_KEY = 7_244_160_001;

/**
 * Referrals made before households were matched (migration 20261207160000) each had a household of their own.
 * At worker start this gives each of them its address's household, oldest first, so the first referral of an
 * address keeps its id and later ones join it. Runs once across instances (an advisory lock; another instance
 * finding it held skips), and is a no-op once every referral has been matched.
 */
export async function matchExistingHouseholds(prisma: PrismaService, log = createLogger('Households')) {
  await prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<Array<{ locked: boolean }>>`
        SELECT pg_try_advisory_xact_lock(${LOCK_KEY}::bigint) AS locked`;
      if (!locked) return;
      const unmatched = await tx.$queryRaw<
        Array<{ id: string; household_id: string; address_lines: string[]; postcode: string }>
      >`
        SELECT r.id::text, r.household_id::text, r.address_lines, r.postcode
        FROM referral r
        WHERE NOT EXISTS (SELECT 1 FROM household h WHERE h.id = r.household_id)
        ORDER BY r.created_at, r.id`;
      let moved = 0;
      let created = 0;
      for (const r of unmatched) {
        const key = householdMatchKey(r.address_lines, r.postcode);
        if (!key) continue;
        const digest = createHash('sha256').update(key).digest('hex');
        const [h] = await tx.$queryRaw<Array<{ id: string; inserted: boolean }>>`
          INSERT INTO household (id, match_key_digest) VALUES (${r.household_id}::uuid, ${digest})
          ON CONFLICT (match_key_digest) DO UPDATE SET match_key_digest = EXCLUDED.match_key_digest
          RETURNING id::text AS id, (xmax = 0) AS inserted`;
        if (h.inserted) created++;
        else if (h.id !== r.household_id) {
          await tx.$executeRaw`UPDATE referral SET household_id = ${h.id}::uuid WHERE id = ${r.id}::uuid`;
          moved++;
        }
      }
      if (unmatched.length)
        log.info({ created, moved }, 'households matched for referrals made before matching');
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * Runs the match once at start in the process that does background work (the worker), never in the API. It does
 * not hold up the worker's start, and a failure (a busy database) is logged and left to the next start: unmatched
 * referrals work as before, they only miss their household's history.
 */
@Injectable()
export class MatchExistingHouseholdsOnStart implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('Households');
  private running?: Promise<void>;

  constructor(
    private readonly env: KnifeSwapsEnv,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap() {
    if (this.env.RUN_BACKGROUND_WORK !== 'true') return;
    this.running = matchExistingHouseholds(this.prisma, this.log).catch((err: unknown) =>
      this.log.warn(
        { err: (err as Error).message },
        'households not matched at start; retried at the next start',
      ),
    );
  }

  async onModuleDestroy() {
    await this.running;
  }
}
