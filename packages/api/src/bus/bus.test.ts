import { randomUUID } from 'node:crypto';
import { loadTestEnv } from '@devmentor/config';
import { afterEach, describe, expect, it } from 'vitest';
import { subscribeToChannel, SlowConsumerError } from './bus-iterator';
import type { EventBus } from './event-bus';
import { createMemoryBus } from './memory-bus';
import { createRedisBus } from './redis-bus';

const { TEST_REDIS_URL } = loadTestEnv();

function nextMessage(bus: EventBus, channel: string): Promise<unknown> {
  return new Promise((resolve) => {
    void bus.subscribe(channel, resolve);
  });
}

const implementations: [string, () => Promise<EventBus>][] = [['memory', async () => createMemoryBus()]];
if (TEST_REDIS_URL) implementations.push(['redis', () => createRedisBus({ url: TEST_REDIS_URL })]);

describe.each(implementations)('%s bus', (_name, create) => {
  const open: EventBus[] = [];
  const make = async () => {
    const bus = await create();
    open.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
  });

  it('delivers a JSON copy of what was published to every subscriber of the channel', async () => {
    const bus = await make();
    const channel = `test:${randomUUID()}`;
    const received = Promise.all([nextMessage(bus, channel), nextMessage(bus, channel)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const payload = { n: 1, at: new Date('2026-01-01T00:00:00Z') };
    await bus.publish(channel, payload);
    const [first, second] = await received;
    expect(first).toEqual({ n: 1, at: '2026-01-01T00:00:00.000Z' });
    expect(second).toEqual(first);
    expect(first).not.toBe(payload);
  });

  it('does not deliver to other channels or after unsubscribe', async () => {
    const bus = await make();
    const channel = `test:${randomUUID()}`;
    const seen: unknown[] = [];
    const unsubscribe = await bus.subscribe(channel, (message) => seen.push(message));
    const other = nextMessage(bus, `${channel}:other`);
    await bus.publish(`${channel}:other`, 'elsewhere');
    await other;
    await bus.publish(channel, 'one');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await unsubscribe();
    await bus.publish(channel, 'two');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['one']);
  });

  it('streams a channel in order through the iterator and stops on abort', async () => {
    const bus = await make();
    const channel = `test:${randomUUID()}`;
    const controller = new AbortController();
    const messages = await subscribeToChannel<number>(bus, channel, { signal: controller.signal });
    for (const n of [1, 2, 3]) await bus.publish(channel, n);
    const received: number[] = [];
    for await (const n of messages) {
      received.push(n);
      if (received.length === 3) controller.abort();
    }
    expect(received).toEqual([1, 2, 3]);
  });

  it('cuts off a consumer that falls too far behind instead of buffering without bound', async () => {
    const bus = await make();
    const channel = `test:${randomUUID()}`;
    const messages = await subscribeToChannel<number>(bus, channel, { maxBuffered: 5 });
    for (let n = 0; n < 10; n++) await bus.publish(channel, n);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(messages.next()).rejects.toBeInstanceOf(SlowConsumerError);
  });
});

describe.runIf(TEST_REDIS_URL)('redis bus across connections', () => {
  it('delivers messages published by one bus to another, as between two server instances', async () => {
    const a = await createRedisBus({ url: TEST_REDIS_URL! });
    const b = await createRedisBus({ url: TEST_REDIS_URL! });
    try {
      const channel = `test:${randomUUID()}`;
      const received = nextMessage(b, channel);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await a.publish(channel, { from: 'a' });
      expect(await received).toEqual({ from: 'a' });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
