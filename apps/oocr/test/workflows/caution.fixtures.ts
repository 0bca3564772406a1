// Shared by the workflow tests (time-skipping and replay) and record-histories.ts.
import { todayInLondon } from '@oversight/nest-platform';
import {
  addDays,
  addWeeks,
  DEFAULT_OOCR_RULES_CONFIG,
  type IsoDate,
  type OffenceClass,
} from '@oversight/oocr-rules';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { cautionWorkflowInput } from '../../src/cautions/caution-schedule';
import type { CautionActivities } from '../../src/cautions/caution.activities';
import type { ReferralActivities } from '../../src/reviews/referral.activities';
import type { CautionWorkflowInput } from '../../src/workflows/caution.types';

/** The worker's workflow bundle entry, as the real worker loads it (temporal-worker.runner.ts). */
export const WORKFLOWS_PATH = require.resolve('../../src/workflows');
export const REMINDER_DAYS = 7;

/** Today (UK) on the test server's clock, which is the clock the workflow sees. */
export async function serverToday(env: TestWorkflowEnvironment): Promise<IsoDate> {
  return todayInLondon(new Date(await env.currentTimeMs()));
}

export interface CautionSpec {
  cautionId: string;
  issueDate: IsoDate;
  /** Days after issue each condition is due; a list of days is a payment plan. */
  conditions: Array<{ id: string; dueInDays: number } | { id: string; instalmentsDueInDays: number[] }>;
  offenceClass?: OffenceClass;
  offenceDate?: IsoDate;
}

/** The workflow input exactly as the caution starter builds it (real schedule: 16 weeks, UK timers). */
export function cautionInput(spec: CautionSpec): CautionWorkflowInput {
  return cautionWorkflowInput(
    {
      cautionId: spec.cautionId,
      reference: `OOCR-TEST-${spec.cautionId.slice(-6)}`,
      disposalType: 'ADULT_CONDITIONAL_CAUTION',
      issueDate: spec.issueDate,
      completionDueDate: addWeeks(spec.issueDate, 16),
      offenceClass: spec.offenceClass ?? 'EITHER_WAY',
      offenceDate: spec.offenceDate ?? addDays(spec.issueDate, -7),
      conditions: spec.conditions.map((c) =>
        'dueInDays' in c
          ? { id: c.id, dueDate: addDays(spec.issueDate, c.dueInDays), instalments: [] }
          : {
              id: c.id,
              dueDate: addDays(spec.issueDate, Math.max(...c.instalmentsDueInDays)),
              instalments: c.instalmentsDueInDays.map((d, i) => ({
                number: i + 1,
                dueDate: addDays(spec.issueDate, d),
              })),
            },
      ),
      correlationId: `corr-${spec.cautionId}`,
    },
    DEFAULT_OOCR_RULES_CONFIG,
    REMINDER_DAYS,
  );
}

type AllActivities = CautionActivities & ReferralActivities;
export type ActivityName = keyof AllActivities;

export interface ActivityCall {
  name: ActivityName;
  input: Record<string, unknown>;
}

/** In-memory stand-ins for the activities that record every call (the real ones run in the e2e test). */
export class RecordingActivities {
  readonly calls: ActivityCall[] = [];
  readonly activities: AllActivities = {
    syncCautionState: async (i) => void this.record('syncCautionState', i),
    remindConditionDue: async (i) => void this.record('remindConditionDue', i),
    openBreachAssessment: async (i) => void this.record('openBreachAssessment', i),
    recordCautionCompleted: async (i) => void this.record('recordCautionCompleted', i),
    escalateTimeLimit: async (i) => void this.record('escalateTimeLimit', i),
    remindReferralOpen: async (i) => (this.record('remindReferralOpen', i), { open: true }),
    escalateOverdueReferral: async (i) => (this.record('escalateOverdueReferral', i), { open: true }),
  };

  callsOf(name: ActivityName): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }

  /** The activities that do something the outside sees (the state sync aside). */
  effects(): string[] {
    return this.calls.filter((c) => c.name !== 'syncCautionState').map((c) => c.name);
  }

  private record(name: ActivityName, input: object): void {
    this.calls.push({ name, input: JSON.parse(JSON.stringify(input)) });
  }
}

/** Keeps the SDK's logs to warnings and errors (once per test file). */
export function installQuietTemporalRuntime(): void {
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    /* already installed in this module registry */
  }
}

/** Stable ids, so a re-recorded history differs from the old one only where the workflow changed. */
export function scenarioId(name: string): string {
  const hex = Buffer.from(name).toString('hex').padEnd(12, '0').slice(0, 12);
  return `00000000-0000-4000-8000-${hex}`;
}
