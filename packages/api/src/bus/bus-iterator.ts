import type { EventBus } from './event-bus';

export class SlowConsumerError extends Error {
  override name = 'SlowConsumerError';
}

export interface BusIteratorOptions {
  signal?: AbortSignal | undefined;
  /** Messages held for a consumer that is not reading; past this it is cut off and must resync. */
  maxBuffered?: number;
}

/** A channel's messages as an async iterator that can be closed early. */
export type BusSubscription<T> = AsyncIterableIterator<T> & { close: () => Promise<void> };

/**
 * The messages of one channel as an async iterable, for tRPC subscriptions. The subscription is
 * live before the first `next()` resolves, so a caller can subscribe first and read a backlog after
 * without a gap. Memory is bounded: a consumer that falls `maxBuffered` behind gets SlowConsumerError.
 */
export async function subscribeToChannel<T>(
  bus: EventBus,
  channel: string,
  options: BusIteratorOptions = {},
): Promise<BusSubscription<T>> {
  const maxBuffered = options.maxBuffered ?? 1000;
  const buffer: T[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let done = false;

  const unsubscribe = await bus.subscribe(channel, (payload) => {
    if (done) return;
    if (buffer.length >= maxBuffered) {
      failure = new SlowConsumerError(`consumer fell more than ${maxBuffered} messages behind on ${channel}`);
      buffer.length = 0;
    } else {
      buffer.push(payload as T);
    }
    wake?.();
  });

  const close = async () => {
    if (done) return;
    done = true;
    wake?.();
    await unsubscribe();
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });

  const iterator: BusSubscription<T> = {
    close,
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async next(): Promise<IteratorResult<T>> {
      while (true) {
        if (failure) {
          await close();
          throw failure;
        }
        if (buffer.length > 0) return { value: buffer.shift() as T, done: false };
        if (done) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
    async return(): Promise<IteratorResult<T>> {
      await close();
      return { value: undefined, done: true };
    },
  };
  return iterator;
}
