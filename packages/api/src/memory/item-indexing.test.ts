import { createTestDb } from '@devmentor/db/testing';
import { and, chunks, eq, hasVectorExtension, stories, tasks, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../events/project-events';
import { callerFor, createTestProject, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { createItemIndexer } from './indexing';
import { createMemoryTestServices } from './testing/memory-services';

describe('item indexing through the event log', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createMemoryTestServices(handle, await hasVectorExtension(handle));
    owner = await createTestUser(services);
    projectId = (await createTestProject(services, owner, [], { keyPrefix: 'IX' })).id;
  });
  afterAll(async () => {
    await services.jobs.close();
    await handle.close();
  });

  /** What the work-item services do: the row and its event in one transaction. */
  async function createStory(number: number, title: string, description: string) {
    return services.db.transaction(async (tx) => {
      const [story] = await tx.insert(stories).values({ projectId, number, title, description, position: `a${number}`, createdById: owner.id }).returning();
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'story', entityId: story!.id, action: 'created' });
      return story!;
    });
  }

  const itemChunks = (id: string) => services.db.select().from(chunks).where(and(eq(chunks.sourceType, 'item'), eq(chunks.sourceId, id)));

  async function drain(indexer: ReturnType<typeof createItemIndexer>) {
    await indexer.runOnce();
    await services.jobs.whenIdle();
  }

  it('indexes items in a background job, re-indexes on change, removes chunks on delete', async () => {
    const indexer = createItemIndexer(services, { gapGraceMs: 0 });
    const story = await createStory(1, 'Checkout page times out', 'Customers see a gateway timeout when paying with invoices.');
    // Nothing is indexed inside the write itself.
    expect(await itemChunks(story.id)).toHaveLength(0);

    await drain(indexer);
    const indexed = await itemChunks(story.id);
    expect(indexed.length).toBeGreaterThan(0);
    expect(indexed[0]?.content).toContain('IX-1 Checkout page times out');
    const found = await callerFor(services, owner).memory.search({ projectId, query: 'checkout timeout invoices' });
    expect(found.items[0]).toMatchObject({ sourceType: 'item', sourceId: story.id, metadata: { key: 'IX-1', itemType: 'story' } });

    // A move leaves the text as it was: the same chunk rows stay (no new embeddings), only their metadata follows.
    await services.db.transaction(async (tx) => {
      await tx.update(stories).set({ status: 'in_progress', position: 'b1' }).where(eq(stories.id, story.id));
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'story', entityId: story.id, action: 'moved' });
    });
    await drain(indexer);
    const moved = await itemChunks(story.id);
    expect(moved.map((chunk) => chunk.id)).toEqual(indexed.map((chunk) => chunk.id));
    expect(moved.every((chunk) => chunk.metadata.status === 'in_progress')).toBe(true);

    await services.db.transaction(async (tx) => {
      await tx.update(stories).set({ title: 'Checkout page retries payment' }).where(eq(stories.id, story.id));
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'story', entityId: story.id, action: 'updated' });
    });
    await drain(indexer);
    const retitled = await itemChunks(story.id);
    expect(retitled[0]?.content).toContain('retries payment');
    expect(retitled.map((chunk) => chunk.id)).not.toEqual(indexed.map((chunk) => chunk.id));

    await services.db.transaction(async (tx) => {
      await tx.update(stories).set({ deletedAt: new Date() }).where(eq(stories.id, story.id));
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'story', entityId: story.id, action: 'deleted' });
    });
    await drain(indexer);
    expect(await itemChunks(story.id)).toHaveLength(0);
    const after = await callerFor(services, owner).memory.search({ projectId, query: 'checkout payment' });
    expect(after.items.map((item) => item.sourceId)).not.toContain(story.id);
  });

  it('removes the chunks of an item deleted for good', async () => {
    const indexer = createItemIndexer(services, { gapGraceMs: 0 });
    const task = await services.db.transaction(async (tx) => {
      const [task] = await tx.insert(tasks).values({ projectId, number: 2, title: 'Rotate the signing keys', position: 'a2' }).returning();
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'task', entityId: task!.id, action: 'created' });
      return task!;
    });
    await drain(indexer);
    expect((await itemChunks(task.id)).length).toBeGreaterThan(0);
    await services.db.transaction(async (tx) => {
      await tx.delete(tasks).where(eq(tasks.id, task.id));
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'task', entityId: task.id, action: 'deleted' });
    });
    await drain(indexer);
    expect(await itemChunks(task.id)).toHaveLength(0);
  });
});
