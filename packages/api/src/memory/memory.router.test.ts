import { createTestDb } from '@devmentor/db/testing';
import { chunks, eq, hasVectorExtension, memories, projects, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestProject, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { createMemoryTestServices } from './testing/memory-services';

describe('memory procedures', () => {
  let handle: DbHandle;
  let services: AppServices;
  let vector: boolean;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    vector = await hasVectorExtension(handle);
    services = createMemoryTestServices(handle, vector);
    owner = await createTestUser(services);
    viewer = await createTestUser(services);
    outsider = await createTestUser(services);
    projectId = (await createTestProject(services, owner, [{ user: viewer, role: 'viewer' }])).id;
    otherProjectId = (await createTestProject(services, outsider)).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('stores a memory and finds it again, saying which search mode ran', async () => {
    const api = callerFor(services, owner);
    const stored = await api.memory.store({ projectId, content: 'We deploy the billing service with blue-green releases on Fridays.', type: 'decision', tags: ['deploy'] });
    await api.memory.store({ projectId, content: 'The design system uses an eight pixel spacing grid.', type: 'fact' });
    const found = await callerFor(services, viewer).memory.search({ projectId, query: 'billing deploy' });
    expect(found.mode).toBe(vector ? 'hybrid' : 'fulltext');
    expect(found.items[0]).toMatchObject({ sourceType: 'memory', sourceId: stored.id });
    const [row] = await services.db.select().from(memories).where(eq(memories.id, stored.id));
    expect(row?.accessCount).toBe(1);
    expect(row?.lastAccessedAt).not.toBeNull();
  });

  it("never returns another project's memories", async () => {
    const secret = await callerFor(services, outsider).memory.store({ projectId: otherProjectId, content: 'Kubernetes cluster migration plan for the payments team', type: 'note' });
    const found = await callerFor(services, owner).memory.search({ projectId, query: 'kubernetes cluster migration payments' });
    expect(found.items.map((item) => item.sourceId)).not.toContain(secret.id);
    const retrieved = await callerFor(services, owner).memory.retrieve({ projectId, context: 'kubernetes cluster migration payments' });
    expect(retrieved.items.map((item) => item.memory.id)).not.toContain(secret.id);
    await expect(callerFor(services, owner).memory.get({ projectId, id: secret.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(services, owner).memory.delete({ projectId, id: secret.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(services, owner).memory.search({ projectId: otherProjectId, query: 'kubernetes' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [still] = await services.db.select().from(memories).where(eq(memories.id, secret.id));
    expect(still?.accessCount).toBe(0);
  });

  it('retrieves memories relevant to a context, weighted by relevance', async () => {
    const api = callerFor(services, owner);
    const a = await api.memory.store({ projectId, content: 'Database backups run nightly at two in the morning.', type: 'fact' });
    const b = await api.memory.store({ projectId, content: 'Backups of the database are verified weekly by restoring them.', type: 'lesson' });
    const before = await api.memory.retrieve({ projectId, context: 'How often do we back up the database and check restores?' });
    expect(before.items.map((item) => item.memory.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const current = await api.memory.get({ projectId, id: a.id });
    const updated = await api.memory.setRelevance({ projectId, id: a.id, relevance: 1, version: current.version });
    expect(updated.relevance).toBe(1);
    await expect(api.memory.setRelevance({ projectId, id: a.id, relevance: 0, version: current.version })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('masks PII before storing, unless the project turned masking off', async () => {
    const api = callerFor(services, owner);
    const stored = await api.memory.store({ projectId, content: 'Ask ops@example.com, key sk-proj-abcdefghijklmnopqrstuvwx1234 for staging.', type: 'note' });
    expect(stored.content).not.toContain('ops@example.com');
    expect(stored.content).not.toContain('sk-proj-abcdefghijklmnopqrstuvwx1234');
    expect(stored.content).toContain('[EMAIL]');
    const chunkRows = await services.db.select({ content: chunks.content }).from(chunks).where(eq(chunks.sourceId, stored.id));
    expect(chunkRows.map((row) => row.content).join(' ')).not.toContain('ops@example.com');

    await services.db.update(projects).set({ settings: { ai: { pii: false } } }).where(eq(projects.id, projectId));
    const raw = await api.memory.store({ projectId, content: 'Contact ops@example.com', type: 'note' });
    expect(raw.content).toContain('ops@example.com');
    await services.db.update(projects).set({ settings: {} }).where(eq(projects.id, projectId));
  });

  it('deletes a memory with its chunks; viewers cannot write', async () => {
    const api = callerFor(services, owner);
    const stored = await api.memory.store({ projectId, content: 'Temporary note about the retro', type: 'note' });
    await expect(callerFor(services, viewer).memory.delete({ projectId, id: stored.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(services, viewer).memory.store({ projectId, content: 'x', type: 'note' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await api.memory.delete({ projectId, id: stored.id });
    expect(await services.db.select().from(chunks).where(eq(chunks.sourceId, stored.id))).toHaveLength(0);
    await expect(api.memory.get({ projectId, id: stored.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("lists the project's memories newest first, by type, page by page, without counting an access", async () => {
    const api = callerFor(services, owner);
    const listProject = (await createTestProject(services, owner, [{ user: viewer, role: 'viewer' }])).id;
    const stored = [];
    for (const [i, type] of (['decision', 'fact', 'decision', 'lesson', 'decision'] as const).entries()) {
      stored.push(await api.memory.store({ projectId: listProject, content: `Listed memory number ${i}`, type }));
    }
    await callerFor(services, outsider).memory.store({ projectId: otherProjectId, content: 'Not for the listing project', type: 'decision' });

    const first = await callerFor(services, viewer).memory.list({ projectId: listProject, limit: 2 });
    const rest = await callerFor(services, viewer).memory.list({ projectId: listProject, limit: 10, cursor: first.nextCursor! });
    expect(rest.nextCursor).toBeNull();
    expect([...first.items, ...rest.items].map((memory) => memory.id)).toEqual(stored.map((memory) => memory.id).reverse());

    const decisions = await api.memory.list({ projectId: listProject, type: 'decision' });
    expect(decisions.items.map((memory) => memory.content)).toEqual(['Listed memory number 4', 'Listed memory number 2', 'Listed memory number 0']);
    expect(decisions.items.every((memory) => memory.accessCount === 0)).toBe(true);

    await expect(callerFor(services, outsider).memory.list({ projectId: listProject })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.memory.list({ projectId: listProject, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it("keeps a per-user context record: get, update (merge, version), reset", async () => {
    const api = callerFor(services, viewer);
    expect(await api.memory.context.get({ projectId })).toMatchObject({ data: {}, version: 0 });
    const first = await api.memory.context.update({ projectId, patch: { focus: 'billing', recent: ['TP-1'] }, version: 0 });
    expect(first).toMatchObject({ data: { focus: 'billing', recent: ['TP-1'] }, version: 1 });
    const second = await api.memory.context.update({ projectId, patch: { focus: null, tone: 'brief' } });
    expect(second.data).toEqual({ recent: ['TP-1'], tone: 'brief' });
    await expect(api.memory.context.update({ projectId, patch: { a: 1 }, version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await callerFor(services, owner).memory.context.get({ projectId })).data).toEqual({});
    await api.memory.context.reset({ projectId });
    expect(await api.memory.context.get({ projectId })).toMatchObject({ data: {}, version: 0 });
    await expect(callerFor(services, outsider).memory.context.get({ projectId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
