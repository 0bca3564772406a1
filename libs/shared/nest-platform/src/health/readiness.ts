export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects (or times out) when it is not. */
  check: () => Promise<void>;
}

/** A function returning the service's readiness checks (resolved lazily, after the module graph). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** A check that has not answered by then counts as down: readiness must answer within a probe's timeout. */
export const READINESS_CHECK_TIMEOUT_MS = 3000;

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);
}
