import { aiUsage, eq, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { createDbAiAccounting } from './db-accounting';

describe('offline embedding usage, written in batches', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    owner = await createTestUser(services);
  });
  afterAll(async () => {
    await handle.close();
  });

  const entry = (projectId: string, overrides: { offline?: boolean; operation?: 'embed' | 'complete' } = {}) => ({
    projectId,
    userId: owner.id,
    operation: overrides.operation ?? ('embed' as const),
    purpose: 'memory.search',
    provider: overrides.offline === false ? 'openai' : 'offline',
    model: 'm',
    promptTokens: 3,
    completionTokens: 0,
    costUsd: 0,
    offline: overrides.offline ?? true,
    fallback: false,
    at: new Date(),
  });
  const rowsOf = (projectId: string) => handle.db.select().from(aiUsage).where(eq(aiUsage.projectId, projectId));

  it('holds offline embedding rows back until the delay, and writes every other row at once', async () => {
    const project = await createTestProject(services, owner);
    const accounting = createDbAiAccounting(handle.db, { offlineEmbedBatch: { delayMs: 50, maxRows: 100 } });
    await accounting.record(entry(project.id));
    await accounting.record(entry(project.id));
    await accounting.record(entry(project.id, { offline: false }));
    await accounting.record(entry(project.id, { operation: 'complete' }));
    expect((await rowsOf(project.id)).length).toBe(2);
    await vi.waitFor(async () => expect((await rowsOf(project.id)).length).toBe(4), { timeout: 5000, interval: 25 });
  });

  it('writes at once when the batch is full, and flush stores whatever waits', async () => {
    const project = await createTestProject(services, owner);
    const accounting = createDbAiAccounting(handle.db, { offlineEmbedBatch: { delayMs: 60_000, maxRows: 3 } });
    for (let i = 0; i < 4; i++) await accounting.record(entry(project.id));
    await vi.waitFor(async () => expect((await rowsOf(project.id)).length).toBe(3), { timeout: 5000, interval: 25 });
    await accounting.flush!();
    expect((await rowsOf(project.id)).length).toBe(4);
  });

  it('keeps the other rows of a batch when one of them can no longer be stored', async () => {
    const kept = await createTestProject(services, owner);
    const accounting = createDbAiAccounting(handle.db, { offlineEmbedBatch: { delayMs: 60_000, maxRows: 100 } });
    await accounting.record(entry(kept.id));
    // A project id that does not exist (a project deleted meanwhile) breaks the row's foreign key.
    await accounting.record(entry('00000000-0000-4000-8000-000000000000'));
    await accounting.record(entry(kept.id));
    await expect(accounting.flush!()).rejects.toThrow();
    expect((await rowsOf(kept.id)).length).toBe(2);
  });
});
