import { createTestDb } from '@devmentor/db/testing';
import type { DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type EventBus } from '../bus';
import { createLiveServices } from '../live/live-services';
import { createCaller } from '../root';
import { contextFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import type { PresenceSnapshot } from './presence-tracker';

/** A server instance as far as presence goes: its own tracker and clock, a shared bus. */
function instance(handle: DbHandle, bus: EventBus) {
  const clock = { now: 1_000_000 };
  const base = createTestServices(handle, { bus });
  const services: AppServices = { ...base, live: createLiveServices({ bus, instanceId: base.instanceId, presence: { now: () => clock.now, ttlMs: 15_000 } }) };
  return { services, clock };
}

async function watch(services: AppServices, user: TestUser, input: { projectId: string; itemId?: string }) {
  const controller = new AbortController();
  const iterable = (await createCaller(contextFor(services, user), { signal: controller.signal }).presence.watch(input)) as AsyncIterable<PresenceSnapshot>;
  const iterator = iterable[Symbol.asyncIterator]();
  return {
    next: async () => (await iterator.next()).value as PresenceSnapshot,
    /** Reads snapshots until one satisfies `check`. */
    async until(check: (snapshot: PresenceSnapshot) => boolean) {
      while (true) {
        const snapshot = (await iterator.next()).value as PresenceSnapshot;
        if (check(snapshot)) return snapshot;
      }
    },
    close: async () => {
      controller.abort();
      await iterator.return?.();
    },
  };
}

const names = (snapshot: PresenceSnapshot) => snapshot.viewers.map((viewer) => `${viewer.name}:${viewer.itemIds.join(',')}`);

describe('presence.watch', () => {
  let handle: DbHandle;
  let bus: EventBus;
  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;
  let ann: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let projectId: string;
  const itemId = '11111111-1111-4111-8111-111111111111';

  beforeAll(async () => {
    handle = await createTestDb();
    bus = createMemoryBus();
    a = instance(handle, bus);
    b = instance(handle, bus);
    ann = await createTestUser(a.services, { name: 'Ann' });
    bob = await createTestUser(a.services, { name: 'Bob' });
    outsider = await createTestUser(a.services, { name: 'Otto' });
    projectId = (await createTestProject(a.services, ann, [{ user: bob, role: 'viewer' }])).id;
  });
  afterAll(async () => {
    await a.services.live.presence.stop();
    await b.services.live.presence.stop();
    await handle.close();
  });

  it('shows who views the project and which item across instances; a closed tab disappears at once', async () => {
    const annOnA = await watch(a.services, ann, { projectId });
    expect(names(await annOnA.next())).toEqual(['Ann:']);
    const bobOnB = await watch(b.services, bob, { projectId, itemId });
    expect(names(await bobOnB.until((s) => s.viewers.length === 2))).toEqual(['Ann:', `Bob:${itemId}`]);
    expect(names(await annOnA.until((s) => s.viewers.length === 2))).toEqual(['Ann:', `Bob:${itemId}`]);
    await bobOnB.close();
    expect(names(await annOnA.until((s) => s.viewers.length === 1))).toEqual(['Ann:']);
    await annOnA.close();
  });

  it('expires the viewers of an instance that stopped heartbeating (crashed), and keeps live ones', async () => {
    const bobOnB = await watch(b.services, bob, { projectId });
    await bobOnB.next();
    const annOnA = await watch(a.services, ann, { projectId });
    await annOnA.until((s) => s.viewers.length === 2);
    // B goes silent, as if its process died: only A ticks (heartbeats Ann, sweeps expired entries).
    a.clock.now += 10_000;
    a.services.live.presence.tick();
    expect(names(a.services.live.presence.snapshot(projectId))).toEqual(['Ann:', 'Bob:']);
    a.clock.now += 6_000;
    a.services.live.presence.tick();
    expect(names(await annOnA.until((s) => s.viewers.length === 1))).toEqual(['Ann:']);
    // On B, Ann stays as long as A heartbeats.
    b.clock.now += 16_000;
    a.services.live.presence.tick();
    await new Promise((resolve) => setTimeout(resolve, 10));
    b.services.live.presence.tick();
    expect(names(b.services.live.presence.snapshot(projectId))).toEqual(['Ann:', 'Bob:']);
    await Promise.all([annOnA.close(), bobOnB.close()]);
  });

  it('refuses outsiders (NOT_FOUND) and anonymous callers (UNAUTHORIZED)', async () => {
    const outsiderWatch = await watch(a.services, outsider, { projectId }).catch((error: unknown) => error);
    const code = async (promise: Promise<unknown>) => promise.then(() => 'OK', (error: { code?: string }) => error.code);
    expect(await code(outsiderWatch instanceof Error ? Promise.reject(outsiderWatch) : (outsiderWatch as { next: () => Promise<unknown> }).next())).toBe('NOT_FOUND');
    expect(await code(createCaller(contextFor(a.services, null)).presence.watch({ projectId }))).toBe('UNAUTHORIZED');
  });
});
