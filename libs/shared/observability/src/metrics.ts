import { collectDefaultMetrics, Registry } from 'prom-client';

/** One Prometheus registry per process; libs register their counters here. */
export const metricsRegistry = new Registry();
let defaultsCollected = false;

export function enableDefaultMetrics(service: string): void {
  if (defaultsCollected) return;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
  defaultsCollected = true;
}
