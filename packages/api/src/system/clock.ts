import type { EventBus } from '../bus';

export const CLOCK_CHANNEL = 'system:clock';

export interface ClockTick {
  at: string;
  /** The server instance that published the tick. */
  instanceId: string;
}

/**
 * Publishes a tick on the bus every `intervalMs`. Every instance runs one, so a subscriber on any
 * instance sees ticks from all of them: the simplest proof that the bus fans out across processes.
 */
export function startClock(options: { bus: EventBus; instanceId: string; intervalMs?: number; onError?: (error: unknown) => void }): () => void {
  const timer = setInterval(() => {
    const tick: ClockTick = { at: new Date().toISOString(), instanceId: options.instanceId };
    options.bus.publish(CLOCK_CHANNEL, tick).catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
