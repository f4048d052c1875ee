import { AiBudgetExceededError, AiUnavailableError } from '@devmentor/ai';
import { startOpenAiTestServer, type OpenAiTestServer } from '@devmentor/ai/testing';
import { aiUsage, eq, projects, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTRPCError } from '../errors';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { projectAiCallOptions } from './call-options';

const ask = { messages: [{ role: 'user' as const, content: 'what is next for ana@example.com?' }] };

describe('AI usage and budgets', () => {
  let handle: DbHandle;
  let server: OpenAiTestServer;
  let offline: AppServices;
  let remote: AppServices;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    handle = await createTestDb();
    server = await startOpenAiTestServer();
    offline = createTestServices(handle);
    remote = createTestServices(handle, {
      env: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test-key', AI_MAX_RETRIES: '0', AI_BREAKER_THRESHOLD: '100' },
    });
    owner = await createTestUser(offline, { name: 'Owner' });
    viewer = await createTestUser(offline, { name: 'Viewer' });
    outsider = await createTestUser(offline, { name: 'Outsider' });
  });
  afterAll(async () => {
    await server.close();
    await handle.close();
  });

  async function usageRows(projectId: string) {
    return handle.db.select().from(aiUsage).where(eq(aiUsage.projectId, projectId));
  }

  it('runs offline by default and records offline usage per project and user', async () => {
    const project = await createTestProject(offline, owner, [{ user: viewer, role: 'viewer' }]);
    const status = await callerFor(offline, viewer).ai.status();
    expect(status).toMatchObject({ mode: 'offline', chat: { provider: 'offline', offline: true }, embeddings: { dimension: 384, offline: true } });

    const result = await offline.ai.complete(ask, { projectId: project.id, userId: owner.id, purpose: 'test' });
    expect(result).toMatchObject({ offline: true, fallback: false, costUsd: 0 });
    await offline.ai.embed(['a note', 'another note'], { projectId: project.id, userId: viewer.id });
    // The offline embedding's row waits for its batch (db-accounting.ts); the summary flushes it first.
    expect((await usageRows(project.id)).map((row) => row.operation)).toEqual(['complete']);
    const summary = await callerFor(offline, viewer).aiUsage.summary({ projectId: project.id });
    expect(summary.totals).toMatchObject({ calls: 2, offlineCalls: 2, fallbackCalls: 0, costUsd: 0 });
    const rows = await usageRows(project.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.operation === 'complete')).toMatchObject({ userId: owner.id, provider: 'offline', offline: true, fallback: false, costUsd: 0, purpose: 'test' });
    expect(rows.find((row) => row.operation === 'embed')).toMatchObject({ userId: viewer.id, offline: true, promptTokens: expect.any(Number) });

    expect(summary.byUser.map((row) => row.name).sort()).toEqual(['Owner', 'Viewer']);
    expect(summary.budget).toMatchObject({ monthlyTokenLimit: null, remoteTokens: 0, exceeded: false });
  });

  it('records remote calls with tokens and cost, and fallbacks as such', async () => {
    const project = await createTestProject(remote, owner);
    expect(await callerFor(remote, owner).ai.status()).toMatchObject({ mode: 'remote', chat: { provider: 'openai-compatible', model: 'gpt-4o-mini' } });
    const options = await projectAiCallOptions({ ctx: { db: remote.db, auth: { user: owner, sessionId: null, via: 'bearer' } }, projectId: project.id, purpose: 'test' });
    const answer = await remote.ai.complete(ask, options);
    expect(answer.text).toBe('echo: what is next for [EMAIL]?');

    server.enqueue('chat', { kind: 'error', status: 500 });
    const fallback = await remote.ai.complete(ask, options);
    expect(fallback).toMatchObject({ offline: true, fallback: true });

    const rows = await usageRows(project.id);
    expect(rows.map((row) => [row.provider, row.offline, row.fallback])).toEqual(
      expect.arrayContaining([
        ['openai-compatible', false, false],
        ['offline', true, true],
      ]),
    );
    const paid = rows.find((row) => !row.offline)!;
    expect(paid).toMatchObject({ model: 'gpt-4o-mini', promptTokens: 11, userId: owner.id });
    expect(paid.costUsd).toBeGreaterThan(0);

    const summary = await callerFor(remote, owner).aiUsage.summary({ projectId: project.id });
    expect(summary.totals).toMatchObject({ calls: 2, offlineCalls: 1, fallbackCalls: 1 });
    expect(summary.byModel).toEqual(expect.arrayContaining([expect.objectContaining({ provider: 'openai-compatible', model: 'gpt-4o-mini', calls: 1 })]));
  });

  it('refuses remote calls over the monthly token budget with a typed error; last month does not count', async () => {
    const project = await createTestProject(remote, owner, [{ user: viewer, role: 'viewer' }]);
    await handle.db.update(projects).set({ settings: { ai: { monthlyTokenLimit: 20 } } }).where(eq(projects.id, project.id));
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) - 1000);
    await handle.db.insert(aiUsage).values({ projectId: project.id, operation: 'complete', provider: 'openai', model: 'gpt-4o-mini', promptTokens: 500, at: lastMonth });

    const caller = { projectId: project.id, userId: owner.id };
    await remote.ai.complete(ask, caller);
    await remote.ai.complete(ask, caller);
    const requestsBefore = server.requests.length;
    const refused = await remote.ai.complete(ask, caller).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AiBudgetExceededError);
    expect(refused).toMatchObject({ code: 'AI_BUDGET_EXCEEDED', details: { max: 20 } });
    expect(server.requests.length).toBe(requestsBefore);

    const trpcError = toTRPCError(refused);
    expect(trpcError.code).toBe('TOO_MANY_REQUESTS');
    const summary = await callerFor(remote, viewer).aiUsage.summary({ projectId: project.id });
    expect(summary.budget).toMatchObject({ monthlyTokenLimit: 20, exceeded: true });
    expect(summary.totals.calls).toBe(2);
    const previous = lastMonth.toISOString().slice(0, 7);
    expect((await callerFor(remote, viewer).aiUsage.summary({ projectId: project.id, month: previous })).totals.promptTokens).toBe(500);

    // The offline provider is free: a project over budget still gets offline answers.
    await expect(offline.ai.complete(ask, caller)).resolves.toMatchObject({ offline: true });
  });

  it('refuses over a cost budget too', async () => {
    const project = await createTestProject(remote, owner);
    await handle.db.update(projects).set({ settings: { ai: { monthlyCostLimitUsd: 0.000001 } } }).where(eq(projects.id, project.id));
    const caller = { projectId: project.id, userId: owner.id };
    await remote.ai.complete(ask, caller);
    await expect(remote.ai.complete(ask, caller)).rejects.toMatchObject({ code: 'AI_BUDGET_EXCEEDED', details: { limit: '$0.000001' } });
  });

  it('maps gateway errors to API codes', () => {
    expect(toTRPCError(new AiUnavailableError('down')).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('hides the usage of other projects: outsiders get NOT_FOUND, summaries are per project', async () => {
    const mine = await createTestProject(offline, owner);
    const theirs = await createTestProject(offline, outsider);
    await offline.ai.complete(ask, { projectId: theirs.id, userId: outsider.id });
    await expect(callerFor(offline, outsider).aiUsage.summary({ projectId: mine.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await callerFor(offline, owner).aiUsage.summary({ projectId: mine.id })).totals.calls).toBe(0);
    await expect(callerFor(offline, null).ai.status()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
