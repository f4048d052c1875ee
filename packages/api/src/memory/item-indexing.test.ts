import { createTestDb } from '@devmentor/db/testing';
import { and, chunks, epics, eq, hasVectorExtension, seedDemo, stories, tasks, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordEvent } from '../events/project-events';
import { callerFor, createTestProject, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { INDEX_ITEM_JOB, INDEX_ITEMS_JOB, ITEMS_PER_INDEX_JOB, type IndexItemsJob } from './index-item';
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

  it('indexes a burst of changes with one job: new text re-embedded, a move keeps its chunks, a delete drops them', async () => {
    const indexer = createItemIndexer(services, { gapGraceMs: 0 });
    const kept = await createStory(10, 'Refund a card payment', 'Support refunds a payment from the order page.');
    const retitled = await createStory(11, 'Invoice numbering', 'Invoices get gapless numbers per year.');
    const removed = await createStory(12, 'Old reporting page', 'The legacy report is replaced.');
    await drain(indexer);
    const before = new Map(await Promise.all([kept, retitled, removed].map(async (story) => [story.id, (await itemChunks(story.id)).map((chunk) => chunk.id)] as const)));
    expect([...before.values()].every((ids) => ids.length > 0)).toBe(true);

    await services.db.transaction(async (tx) => {
      await tx.update(stories).set({ status: 'ready' }).where(eq(stories.id, kept.id));
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'story', entityId: kept.id, action: 'moved' });
      await tx.update(stories).set({ title: 'Invoice numbering per tenant' }).where(eq(stories.id, retitled.id));
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'story', entityId: retitled.id, action: 'updated' });
      await tx.update(stories).set({ deletedAt: new Date() }).where(eq(stories.id, removed.id));
      await recordEvent(tx, { projectId, actorId: owner.id, entityType: 'story', entityId: removed.id, action: 'deleted' });
    });
    const enqueue = vi.spyOn(services.jobs, 'enqueue');
    const embed = vi.spyOn(services.ai, 'embed');
    try {
      await drain(indexer);
      expect(enqueue.mock.calls.map(([name, job]) => [name, (job as IndexItemsJob).items.length])).toEqual([[INDEX_ITEMS_JOB, 3]]);
      // Only the retitled story's text is new: one embedding call for it (none where pgvector is missing).
      expect(embed.mock.calls.map(([texts]) => texts.some((text) => text.includes('per tenant')))).toEqual(services.capabilities.vector ? [true] : []);
    } finally {
      enqueue.mockRestore();
      embed.mockRestore();
    }
    const keptNow = await itemChunks(kept.id);
    expect(keptNow.map((chunk) => chunk.id)).toEqual(before.get(kept.id));
    expect(keptNow.every((chunk) => chunk.metadata.status === 'ready')).toBe(true);
    const retitledNow = await itemChunks(retitled.id);
    expect(retitledNow[0]?.content).toContain('IX-11 Invoice numbering per tenant');
    expect(retitledNow.map((chunk) => chunk.id)).not.toEqual(before.get(retitled.id));
    expect(await itemChunks(removed.id)).toHaveLength(0);
  });

  it('still runs the one-item jobs an earlier version queued', async () => {
    const story = await createStory(13, 'Queued before the upgrade', 'An index job in the old shape.');
    await services.jobs.enqueue(INDEX_ITEM_JOB, { projectId, itemType: 'story', itemId: story.id });
    await services.jobs.whenIdle();
    expect((await itemChunks(story.id))[0]?.content).toContain('IX-13 Queued before the upgrade');
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

  it("indexes every item of the seeded demo project, which has one 'seeded' event instead of one per item", async () => {
    const indexer = createItemIndexer(services, { gapGraceMs: 0 });
    await drain(indexer);
    const seeded = await seedDemo(services.db, { passwordHash: 'not-used' });
    if (!seeded.created) throw new Error('the demo was already seeded');
    const enqueue = vi.spyOn(services.jobs, 'enqueue');
    try {
      await drain(indexer);
      const jobs = enqueue.mock.calls.map(([, job]) => (job as IndexItemsJob).items.length);
      // The whole project in jobs of at most ITEMS_PER_INDEX_JOB items, not one job per item.
      expect(jobs.every((size) => size <= ITEMS_PER_INDEX_JOB)).toBe(true);
      expect(jobs.length).toBe(Math.ceil(jobs.reduce((sum, size) => sum + size, 0) / ITEMS_PER_INDEX_JOB));
    } finally {
      enqueue.mockRestore();
    }
    const live = (table: typeof epics | typeof stories | typeof tasks) => services.db.select({ id: table.id }).from(table).where(eq(table.projectId, seeded.projectId));
    const items = [...(await live(epics)), ...(await live(stories)), ...(await live(tasks))];
    const indexed = await services.db.selectDistinct({ id: chunks.sourceId }).from(chunks).where(and(eq(chunks.projectId, seeded.projectId), eq(chunks.sourceType, 'item')));
    expect(items.length).toBeGreaterThan(10);
    expect(indexed.map((row) => row.id).sort()).toEqual(items.map((row) => row.id).sort());
    const [story] = await services.db.select().from(stories).where(and(eq(stories.projectId, seeded.projectId), eq(stories.title, 'Pay an invoice by card')));
    expect((await itemChunks(story!.id))[0]?.content).toContain(`DM-${story!.number} Pay an invoice by card`);
  });

  it('re-indexes every item under its new key when the project key changes', async () => {
    const indexer = createItemIndexer(services, { gapGraceMs: 0 });
    const story = await createStory(3, 'Export the ledger', 'Finance wants a monthly CSV export.');
    await drain(indexer);
    expect((await itemChunks(story.id))[0]?.content).toContain('IX-3 Export the ledger');
    const api = callerFor(services, owner);
    const project = await api.projects.get({ id: projectId });
    await api.projects.update({ id: projectId, version: project.version, keyPrefix: 'LG' });
    await drain(indexer);
    const [chunk] = await itemChunks(story.id);
    expect(chunk?.content).toContain('LG-3 Export the ledger');
    expect(chunk?.metadata).toMatchObject({ key: 'LG-3' });
  });
});
