import { createTestDb } from '@devmentor/db/testing';
import { eq, eventCursors, events, sql, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestProject, createTestServices, createTestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { createEventConsumer, type EventConsumerOptions } from './event-consumer';
import { publishEvents, recordEvent, type ProjectEvent } from './project-events';

describe('durable event consumer', () => {
  let handle: DbHandle;
  let services: AppServices;
  let projectId: string;
  let actorId: string;
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    const owner = await createTestUser(services);
    actorId = owner.id;
    projectId = (await createTestProject(services, owner)).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const record = (entityId: string) =>
    services.db.transaction((tx) => recordEvent(tx, { projectId, actorId, entityType: 'task', entityId, action: 'created' }));

  /** A consumer that inserts a marker event per handled event, with `tx`, so rollbacks are visible. */
  function collecting(name: string, extra: Partial<EventConsumerOptions> = {}) {
    const seen: ProjectEvent[] = [];
    const consumer = createEventConsumer({
      name,
      db: services.db,
      gapGraceMs: 0,
      handle: async (batch) => {
        seen.push(...batch.filter((event) => event.projectId === projectId && event.entityType === 'task'));
      },
      ...extra,
    });
    return { consumer, seen };
  }

  it('processes every event after its cursor, in order, once, in batches', async () => {
    const { consumer, seen } = collecting('test-order', { batchSize: 2 });
    await consumer.runOnce();
    const before = seen.length;
    for (const id of ['a', 'b', 'c', 'd', 'e']) await record(id);
    expect(await consumer.runOnce()).toBeGreaterThanOrEqual(5);
    expect(seen.slice(before).map((event) => event.entityId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await consumer.runOnce()).toBe(0);
    const [cursor] = await services.db.select().from(eventCursors).where(eq(eventCursors.name, 'test-order'));
    const [last] = await services.db.select({ max: sql<number>`max(${events.id})::int` }).from(events);
    expect(cursor?.lastEventId).toBe(last?.max);
  });

  it('starts after the newest event with startFrom latest', async () => {
    await record('old');
    const { consumer, seen } = collecting('test-latest', { startFrom: 'latest' });
    expect(await consumer.runOnce()).toBe(0);
    await record('new');
    await consumer.runOnce();
    expect(seen.map((event) => event.entityId)).toEqual(['new']);
  });

  it('rolls the cursor back with the handler: a failed batch is retried, then a poisoned event is skipped', async () => {
    const errors: { eventIds: number[]; skipped: boolean }[] = [];
    let calls = 0;
    const handled: string[] = [];
    const consumer = createEventConsumer({
      name: 'test-poison',
      db: services.db,
      startFrom: 'latest',
      gapGraceMs: 0,
      maxAttempts: 2,
      onError: (_error, info) => errors.push(info),
      handle: async (batch, { tx }) => {
        if (!batch.some((event) => event.entityType === 'task')) return;
        calls += 1;
        // The write must roll back with the failure: it is done before the throw.
        await recordEvent(tx, { projectId, actorId, entityType: 'marker', entityId: `call-${calls}`, action: 'created' });
        if (batch.some((event) => event.entityId === 'poison')) throw new Error('handler bug');
        handled.push(...batch.filter((event) => event.entityType === 'task').map((event) => event.entityId));
      },
    });
    await consumer.runOnce();
    await record('ok-1');
    await record('poison');
    await record('ok-2');
    for (let attempt = 0; attempt < 8; attempt++) await consumer.runOnce();
    expect(handled).toEqual(['ok-1', 'ok-2']);
    expect(errors.filter((error) => error.skipped)).toHaveLength(1);
    // Failed calls rolled their marker back with them: only the successful ones kept it.
    const markers = await services.db.select().from(events).where(eq(events.entityType, 'marker'));
    expect(markers.length).toBe(calls - errors.length);
  });

  it('lets only one of several instances process a batch (row lock on the cursor)', async () => {
    const a = collecting('test-shared');
    const b = collecting('test-shared');
    await Promise.all([a.consumer.runOnce(), b.consumer.runOnce()]);
    const before = a.seen.length + b.seen.length;
    for (const id of ['x1', 'x2', 'x3']) await record(id);
    await Promise.all([a.consumer.runOnce(), b.consumer.runOnce(), a.consumer.runOnce(), b.consumer.runOnce()]);
    const all = [...a.seen, ...b.seen].slice(before).map((event) => event.entityId);
    expect(all.filter((id) => id.startsWith('x')).sort()).toEqual(['x1', 'x2', 'x3']);
  });

  it('waits before a young gap in the ids (a transaction that may still commit), then passes it', async () => {
    const { consumer, seen } = collecting('test-gap', { startFrom: 'latest', gapGraceMs: 60_000 });
    await consumer.runOnce();
    await record('before-gap');
    await services.db.execute(sql`select nextval(pg_get_serial_sequence('events', 'id'))`);
    await record('after-gap');
    await consumer.runOnce();
    expect(seen.map((event) => event.entityId)).toEqual(['before-gap']);
    const late = createEventConsumer({ name: 'test-gap', db: services.db, gapGraceMs: 0, handle: async (batch) => void seen.push(...batch) });
    await late.runOnce();
    expect(seen.map((event) => event.entityId)).toEqual(['before-gap', 'after-gap']);
  });

  it('runs on a bus kick from publishEvents once started, and stops cleanly', async () => {
    const { consumer, seen } = collecting('test-kick', { bus: services.bus, startFrom: 'latest', pollIntervalMs: 60_000 });
    await consumer.start();
    await consumer.runOnce();
    const event = await record('kicked');
    const arrived = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (seen.some((e) => e.entityId === 'kicked')) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    await publishEvents(services.bus, [event]);
    await arrived;
    await consumer.stop();
    expect(seen.map((e) => e.entityId)).toEqual(['kicked']);
  });

  it('handles a burst of kicks within the kick delay in one run', async () => {
    const batches: number[] = [];
    const consumer = createEventConsumer({
      name: 'test-burst',
      db: services.db,
      bus: services.bus,
      startFrom: 'latest',
      pollIntervalMs: 60_000,
      kickDelayMs: 1000,
      gapGraceMs: 0,
      handle: async (batch) => {
        batches.push(batch.filter((event) => event.entityId.startsWith('burst-')).length);
      },
    });
    await consumer.start();
    await consumer.runOnce();
    batches.length = 0;
    for (let index = 0; index < 5; index += 1) await publishEvents(services.bus, [await record(`burst-${index}`)]);
    await expect.poll(() => batches.reduce((sum, count) => sum + count, 0), { timeout: 5000 }).toBe(5);
    await consumer.stop();
    expect(batches).toEqual([5]);
  });
});
