import { createLogger } from '@oversight/observability';

/**
 * Runs `job` a short while after start and then every `everyMs`, one run at a time, until stopped. Used for the
 * service's scheduled sweeps in the processes that run background work; each job guards itself across instances
 * (advisory lock, idempotent rows), so every instance may schedule it.
 */
export function startIntervalJob(
  name: string,
  everyMs: number,
  job: () => Promise<unknown>,
): { stop: () => Promise<void> } {
  const log = createLogger(`IntervalJob:${name}`);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    running = job()
      .catch((err) => log.error({ err: (err as Error).message }, `${name} failed`))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, everyMs);
        timer.unref();
      });
  };
  timer = setTimeout(tick, Math.min(60_000, everyMs));
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
