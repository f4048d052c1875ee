import { createTestDb } from '@devmentor/db/testing';
import type { DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../auth/session-cache';
import { createSession } from '../auth/sessions.service';
import { countingDb, createTestProject, createTestServices, createTestUser, contextFor, type TestUser } from '../testing';
import type { AppServices, Context } from './context';
import { createCaller } from '../root';
import { codeOf } from '../work-items/test-setup';

/** The services with a database that counts the statements started through it. */
function counting(services: AppServices) {
  const { db, counter } = countingDb(services.db);
  return { services: { ...services, db }, counter };
}

/** A context as the HTTP server builds it: the session token still to resolve. */
function httpContext(services: AppServices, token: string): Context {
  return contextFor(services, null, { credential: { token, via: 'bearer' } });
}

describe('HTTP caller resolution with the project membership in one statement', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;
  let otherProjectId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    [owner, viewer, outsider] = await Promise.all(['Owner', 'Viewer', 'Outsider'].map((name) => createTestUser(services, { name }))) as [TestUser, TestUser, TestUser];
    projectId = (await createTestProject(services, owner, [{ user: viewer, role: 'viewer' }])).id;
    otherProjectId = (await createTestProject(services, outsider, [])).id;
    for (const user of [owner, viewer, outsider]) tokens[user.id] = (await createSession(services.db, { userId: user.id })).token;
  });
  afterAll(async () => {
    await handle.close();
  });

  it('applies the same roles as a resolved caller', async () => {
    expect((await createCaller(httpContext(services, tokens[viewer.id]!)).board.get({ projectId })).totals.count).toBe(0);
    expect(await codeOf(createCaller(httpContext(services, tokens[viewer.id]!)).stories.create({ projectId, title: 'No' }))).toBe('FORBIDDEN');
    expect(await codeOf(createCaller(httpContext(services, tokens[outsider.id]!)).board.get({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(createCaller(httpContext(services, 'bogus.token')).board.get({ projectId }))).toBe('UNAUTHORIZED');
    const created = await createCaller(httpContext(services, tokens[owner.id]!)).stories.create({ projectId, title: 'Yes' });
    expect(created.title).toBe('Yes');
  });

  it('authenticates and authorizes a project call in one statement', async () => {
    const resolved = counting(services);
    await createCaller(contextFor(resolved.services, owner)).stories.list({ projectId });
    const withResolvedCaller = resolved.counter.statements; // membership + the list itself
    // A cache of its own: the shared one remembers the owner's session from the test before.
    const pending = counting({ ...services, sessionCache: new SessionCache() });
    await createCaller(httpContext(pending.services, tokens[owner.id]!)).stories.list({ projectId });
    expect(pending.counter.statements).toBe(withResolvedCaller);
  });

  it('reads the membership again for another project named later in the same request (a batch)', async () => {
    const context = httpContext(services, tokens[outsider.id]!);
    const api = createCaller(context);
    expect((await api.board.get({ projectId: otherProjectId })).project.id).toBe(otherProjectId);
    expect(await codeOf(api.board.get({ projectId }))).toBe('NOT_FOUND');
  });
});
