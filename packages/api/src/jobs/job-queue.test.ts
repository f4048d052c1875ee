import { randomUUID } from 'node:crypto';
import { loadTestEnv } from '@devmentor/config';
import { afterEach, describe, expect, it } from 'vitest';
import { createBullmqQueue } from './bullmq-queue';
import type { JobFailureHook, JobQueue } from './job-queue';
import { createMemoryQueue } from './memory-queue';

const { TEST_REDIS_URL } = loadTestEnv();

type Factory = (onFailed: JobFailureHook) => Promise<JobQueue>;

const factories: [string, Factory | null][] = [
  ['in-process', async (onFailed) => createMemoryQueue({ onFailed })],
  [
    'bullmq',
    TEST_REDIS_URL
      ? (onFailed) => createBullmqQueue({ url: TEST_REDIS_URL, prefix: `test-${randomUUID()}`, onFailed })
      : null,
  ],
];

for (const [label, factory] of factories) {
  describe.skipIf(!factory)(`job queue (${label})`, () => {
    let queue: JobQueue | undefined;
    const failures: { final: boolean; attempt: number; message: string }[] = [];
    const open = async () => {
      failures.length = 0;
      queue = await factory!((error, job) => failures.push({ final: job.final, attempt: job.attempt, message: String(error) }));
      return queue;
    };
    afterEach(async () => {
      await queue?.close();
      queue = undefined;
    });

    it('runs a handler with a JSON copy of the payload', async () => {
      const q = await open();
      const seen: unknown[] = [];
      q.register<{ at: string; n: number }>('echo', async (payload, job) => {
        seen.push({ payload, name: job.name, attempt: job.attempt });
      });
      const id = await q.enqueue('echo', { at: new Date(0) as unknown as string, n: 1 });
      expect(id).not.toBe('');
      await q.whenIdle();
      expect(seen).toEqual([{ payload: { at: '1970-01-01T00:00:00.000Z', n: 1 }, name: 'echo', attempt: 1 }]);
    });

    it('retries with backoff until success', async () => {
      const q = await open();
      let calls = 0;
      q.register('flaky', async () => {
        calls += 1;
        if (calls < 3) throw new Error(`try ${calls}`);
      });
      await q.enqueue('flaky', {}, { attempts: 3, backoffMs: 5 });
      await q.whenIdle();
      expect(calls).toBe(3);
      expect(failures.map((f) => [f.attempt, f.final])).toEqual([
        [1, false],
        [2, false],
      ]);
    });

    it('gives up after the last attempt and reports it as final', async () => {
      const q = await open();
      let calls = 0;
      q.register('broken', async () => {
        calls += 1;
        throw new Error('always');
      });
      await q.enqueue('broken', {}, { attempts: 2, backoffMs: 5 });
      await q.whenIdle();
      expect(calls).toBe(2);
      expect(failures.at(-1)).toMatchObject({ final: true, attempt: 2 });
    });

    it('runs a repeatable schedule until closed', async () => {
      const q = await open();
      let runs = 0;
      let reached: () => void = () => {};
      const twice = new Promise<void>((resolve) => (reached = resolve));
      q.register('tick', async () => {
        runs += 1;
        if (runs === 2) reached();
      });
      await q.schedule('tick-every-20ms', 'tick', { ok: true }, { everyMs: 20 });
      await twice;
      expect(runs).toBeGreaterThanOrEqual(2);
    });

    it('fails a job whose name has no handler', async () => {
      const q = await open();
      q.register('known', async () => {});
      await q.enqueue('unknown', {}, { attempts: 3, backoffMs: 5 });
      await q.whenIdle();
      expect(failures.some((f) => f.final)).toBe(true);
    });
  });
}

describe('in-process job queue and the event loop', () => {
  it('lets pending I/O run between jobs instead of draining the queue in one go', async () => {
    const queue = createMemoryQueue({ concurrency: 1 });
    const order: string[] = [];
    queue.register<{ n: number }>('step', async ({ n }) => {
      order.push(`job ${n}`);
    });
    for (let n = 0; n < 4; n += 1) await queue.enqueue('step', { n });
    setImmediate(() => order.push('io'));
    await queue.whenIdle();
    await queue.close();
    expect(order.indexOf('io')).toBeGreaterThan(-1);
    expect(order.indexOf('io')).toBeLessThan(order.indexOf('job 3'));
  });
});
