import { HandlerRegistry, type BusHandler, type EventBus, type Unsubscribe } from './event-bus';

/** In-process bus for a single server instance (the default with no REDIS_URL). */
export function createMemoryBus(): EventBus {
  const registry = new HandlerRegistry();
  return {
    kind: 'memory',
    async publish(channel, payload) {
      const wire = JSON.stringify(payload);
      // Deliver asynchronously, as Redis would: a publisher never runs subscriber code inline.
      queueMicrotask(() => registry.dispatch(channel, JSON.parse(wire)));
    },
    async subscribe(channel: string, handler: BusHandler): Promise<Unsubscribe> {
      registry.add(channel, handler);
      return async () => {
        registry.remove(channel, handler);
      };
    },
    async ping() {},
    async close() {
      registry.clear();
    },
  };
}
