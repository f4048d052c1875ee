import { Redis } from 'ioredis';
import { HandlerRegistry, type BusHandler, type EventBus, type Unsubscribe } from './event-bus';

const CHANNEL_PREFIX = 'devmentor:';

export interface RedisBusOptions {
  url: string;
  onError?: (error: Error) => void;
}

/**
 * Redis pub/sub bus: every instance subscribed to a channel receives every message published on
 * it by any instance. Redis needs a dedicated connection for subscribing, hence two clients.
 */
export async function createRedisBus(options: RedisBusOptions): Promise<EventBus> {
  const connect = () => new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const publisher = connect();
  const subscriber = connect();
  for (const client of [publisher, subscriber]) client.on('error', (error: Error) => options.onError?.(error));
  await Promise.all([publisher.connect(), subscriber.connect()]);

  const registry = new HandlerRegistry();
  const pending = new Map<string, Promise<void>>();
  subscriber.on('message', (prefixed: string, message: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch (error) {
      options.onError?.(error as Error);
      return;
    }
    registry.dispatch(prefixed.slice(CHANNEL_PREFIX.length), payload);
  });

  return {
    kind: 'redis',
    async publish(channel, payload) {
      await publisher.publish(CHANNEL_PREFIX + channel, JSON.stringify(payload));
    },
    async subscribe(channel: string, handler: BusHandler): Promise<Unsubscribe> {
      // A second subscriber to a channel must also wait until Redis confirmed the first SUBSCRIBE:
      // callers read a backlog right after this resolves and must not miss what is published meanwhile.
      if (registry.add(channel, handler)) {
        const confirmed = subscriber.subscribe(CHANNEL_PREFIX + channel).then(() => undefined);
        pending.set(channel, confirmed);
        try {
          await confirmed;
        } finally {
          if (pending.get(channel) === confirmed) pending.delete(channel);
        }
      } else {
        await pending.get(channel);
      }
      return async () => {
        if (registry.remove(channel, handler) && subscriber.status === 'ready') {
          await subscriber.unsubscribe(CHANNEL_PREFIX + channel);
        }
      };
    },
    async ping() {
      await publisher.ping();
    },
    async close() {
      registry.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
