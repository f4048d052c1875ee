import { createTestDb } from '@devmentor/db/testing';
import { eq, events, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeToChannel } from '../bus';
import { createTestProject, createTestServices, createTestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { diffFields, projectChannel, publishEvents, recordEvent, type ProjectEvent } from './project-events';

describe('project events', () => {
  let handle: DbHandle;
  let services: AppServices;
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('records nothing when the transaction rolls back', async () => {
    const owner = await createTestUser(services);
    const project = await createTestProject(services, owner);
    await expect(
      services.db.transaction(async (tx) => {
        await recordEvent(tx, { projectId: project.id, actorId: owner.id, entityType: 'story', entityId: 'x', action: 'created' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await services.db.select().from(events).where(eq(events.projectId, project.id))).toHaveLength(0);
  });

  it('publishes committed events on the project channel, in id order', async () => {
    const owner = await createTestUser(services);
    const project = await createTestProject(services, owner);
    const stream = await subscribeToChannel<ProjectEvent>(services.bus, projectChannel(project.id));
    const committed = await services.db.transaction(async (tx) => [
      await recordEvent(tx, { projectId: project.id, actorId: owner.id, entityType: 'story', entityId: 'a', action: 'created' }),
      await recordEvent(tx, { projectId: project.id, actorId: owner.id, entityType: 'story', entityId: 'a', action: 'moved', diff: { status: { from: 'backlog', to: 'ready' } } }),
    ]);
    await publishEvents(services.bus, committed);
    const first = await stream.next();
    const second = await stream.next();
    await stream.close();
    expect([first.value?.action, second.value?.action]).toEqual(['created', 'moved']);
    expect(second.value!.id).toBeGreaterThan(first.value!.id);
    expect(second.value!.diff).toEqual({ status: { from: 'backlog', to: 'ready' } });
  });

  it('diffs only the fields that changed', () => {
    expect(diffFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1, 2], d: undefined } as never)).toEqual({
      b: { from: 'x', to: 'y' },
      c: { from: [1], to: [1, 2] },
    });
  });
});
