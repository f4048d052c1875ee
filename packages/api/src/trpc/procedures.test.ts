import { createTestDb } from '@devmentor/db/testing';
import type { DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestProject, createTestServices, createTestUser, contextFor, type TestUser } from '../testing';
import type { AppServices } from './context';
import { createCallerFactory, router } from './init';
import { authedProcedure, projectProcedure, type ProjectRole } from './procedures';

const probeRouter = router({
  whoami: authedProcedure.query(({ ctx }) => ctx.auth.user.id),
  view: projectProcedure('viewer').query(({ ctx }) => ctx.project.role),
  write: projectProcedure('member').input(z.object({ title: z.string().max(10) })).mutation(({ ctx, input }) => `${ctx.project.id}:${input.title}`),
  administer: projectProcedure('admin').mutation(() => 'ok'),
  own: projectProcedure('owner').mutation(() => 'ok'),
});
const createProbeCaller = createCallerFactory(probeRouter);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : 'UNEXPECTED';
  }
}

describe('procedure builders', () => {
  let handle: DbHandle;
  let services: AppServices;
  let users: Record<ProjectRole | 'outsider', TestUser>;
  let projectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    const [owner, admin, member, viewer, outsider] = await Promise.all(
      ['owner', 'admin', 'member', 'viewer', 'outsider'].map((name) => createTestUser(services, { name })),
    );
    users = { owner: owner!, admin: admin!, member: member!, viewer: viewer!, outsider: outsider! };
    const project = await createTestProject(services, users.owner, [
      { user: users.admin, role: 'admin' },
      { user: users.member, role: 'member' },
      { user: users.viewer, role: 'viewer' },
    ]);
    projectId = project.id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const caller = (who: keyof typeof users | null) => createProbeCaller(contextFor(services, who ? users[who] : null));

  it('rejects anonymous callers with UNAUTHORIZED', async () => {
    expect(await codeOf(caller(null).whoami())).toBe('UNAUTHORIZED');
    expect(await codeOf(caller(null).view({ projectId }))).toBe('UNAUTHORIZED');
  });

  it.each([
    ['owner', ['OK', 'OK', 'OK', 'OK']],
    ['admin', ['OK', 'OK', 'OK', 'FORBIDDEN']],
    ['member', ['OK', 'OK', 'FORBIDDEN', 'FORBIDDEN']],
    ['viewer', ['OK', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']],
    ['outsider', ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']],
  ] as const)('%s: view, write, administer, own', async (who, expected) => {
    const api = caller(who);
    const results = [
      await codeOf(api.view({ projectId })),
      await codeOf(api.write({ projectId, title: 'x' })),
      await codeOf(api.administer({ projectId })),
      await codeOf(api.own({ projectId })),
    ];
    expect(results).toEqual(expected);
  });

  it('merges the project input with the procedure input and still validates it', async () => {
    expect(await caller('member').write({ projectId, title: 'card' })).toBe(`${projectId}:card`);
    expect(await codeOf(caller('member').write({ projectId, title: 'far too long a title' }))).toBe('BAD_REQUEST');
    expect(await codeOf(caller('member').view({ projectId: 'not-a-uuid' }))).toBe('BAD_REQUEST');
  });

  it('treats an unknown project like another team’s: NOT_FOUND', async () => {
    expect(await codeOf(caller('owner').view({ projectId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });
});
