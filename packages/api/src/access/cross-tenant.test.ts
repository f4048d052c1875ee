import { createTestDb } from '@devmentor/db/testing';
import * as db from '@devmentor/db';
import { getTRPCErrorFromUnknown, type AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from '../root';
import { contextFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { router } from '../trpc/init';
import { authedProcedure } from '../trpc/procedures';
import { sampleInput } from './input-sampler';

/**
 * A user of team A calls EVERY procedure of the app router with team B's project id and B's entity
 * ids, and must get NOT_FOUND (or UNAUTHORIZED / FORBIDDEN) and change none of B's rows. Then A
 * calls again with A's own project id and B's entity ids: whatever happens, no B data comes back
 * and B's rows stay the same. A new procedure is covered the moment it is registered; one that is
 * not project-scoped must be named here, with the reason.
 */
/** Not called at all: they act on the caller's own account or carry no project data. */
const NOT_CALLED: Record<string, string> = {
  'system.*': 'health, echo and clock carry no project data',
  'auth.*': 'the caller’s own account and sessions (calling them would sign Alice out or delete her)',
  'devOutbox.*': 'development-only mail outbox, refused in production (H1)',
};

/**
 * User-scoped: not tied to one project, so not expected to refuse. Still called with B's ids, and
 * must neither reveal B's data nor change B's rows nor fail with a 500.
 */
const USER_SCOPED: Record<string, string> = {
  'apiKeys.*': 'the caller’s own keys (another user’s key id is NOT_FOUND: api-keys.test.ts)',
  'projects.list': 'lists only the caller’s memberships',
  'projects.create': 'creates a project of the caller’s own',
  'invitations.get': 'the token in the link is the credential',
  'invitations.accept': 'only for the invited email (invitations.test.ts)',
  'invitations.decline': 'only for the invited email (invitations.test.ts)',
  'invitations.mine': 'invitations addressed to the caller’s email',
  'ai.status': 'the AI gateway’s mode and health, no project data',
  'notifications.*': 'the caller’s own notifications, filtered by user id',
};

const SECRET = 'TEAM-B-SECRET';
const DENIED = ['NOT_FOUND', 'UNAUTHORIZED', 'FORBIDDEN'];

function matches(list: Record<string, string>, path: string): boolean {
  return Object.keys(list).some((pattern) => (pattern.endsWith('.*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern));
}

type Outcome = { code: string; output?: unknown };

async function callProcedure(procedure: AnyProcedure, path: string, ctx: ReturnType<typeof contextFor>, input: unknown): Promise<Outcome> {
  const controller = new AbortController();
  try {
    const output: unknown = await procedure({ path, getRawInput: async () => input, ctx, type: procedure._def.type, signal: controller.signal, batchIndex: 0 });
    if (output && typeof output === 'object' && Symbol.asyncIterator in output) {
      // A subscription that got past its checks: see whether it yields or stays open.
      const iterator = (output as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const first = await Promise.race([iterator.next(), new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 300))]);
      controller.abort();
      await Promise.race([iterator.return?.(), new Promise((resolve) => setTimeout(resolve, 100))]);
      return first === 'open' ? { code: 'SUBSCRIBED' } : { code: 'OK', output: first.value };
    }
    return { code: 'OK', output };
  } catch (error) {
    return { code: getTRPCErrorFromUnknown(error).code };
  } finally {
    controller.abort();
  }
}

describe('cross-tenant isolation over the whole router', () => {
  let handle: db.DbHandle;
  let services: AppServices;
  let alice: TestUser;
  let teamA: { projectId: string };
  let teamB: { projectId: string; userIds: string[]; sprintIds: string[]; storyIds: string[]; threadIds: string[]; ids: string[] };

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle, { env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    alice = await createTestUser(services, { name: 'Alice of A' });
    const aProject = await createTestProject(services, alice, [], { name: 'Team A' });
    teamA = { projectId: aProject.id };
    await services.db.insert(db.epics).values({ projectId: aProject.id, number: 1, title: 'A epic', position: 'a0' });

    const bOwner = await createTestUser(services, { name: `${SECRET} owner` });
    const bMember = await createTestUser(services, { name: `${SECRET} member` });
    const b = await createTestProject(services, bOwner, [{ user: bMember, role: 'member' }], { name: `${SECRET} project` });
    const [epic] = await services.db.insert(db.epics).values({ projectId: b.id, number: 1, title: `${SECRET} epic`, position: 'a0' }).returning();
    const [sprint] = await services.db.insert(db.sprints).values({ projectId: b.id, name: `${SECRET} sprint` }).returning();
    const [story] = await services.db
      .insert(db.stories)
      .values({ projectId: b.id, number: 2, title: `${SECRET} story`, position: 'a0', epicId: epic!.id, sprintId: sprint!.id, assigneeId: bMember.id })
      .returning();
    const [task] = await services.db.insert(db.tasks).values({ projectId: b.id, number: 3, title: `${SECRET} task`, position: 'a0', storyId: story!.id }).returning();
    await services.db.insert(db.sprintItems).values({ sprintId: sprint!.id, storyId: story!.id, originalEstimate: 3 });
    const [dependency] = await services.db
      .insert(db.dependencies)
      .values({ projectId: b.id, sourceType: 'task', sourceId: task!.id, targetType: 'story', targetId: story!.id, type: 'blocks' })
      .returning();
    const [memory] = await services.db.insert(db.memories).values({ projectId: b.id, content: `${SECRET} memory`, type: 'decision' }).returning();
    const [invitation] = await services.db
      .insert(db.invitations)
      .values({ projectId: b.id, email: 'b-invitee@example.test', role: 'member', tokenHash: 'b'.repeat(64), expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    const [event] = await services.db
      .insert(db.events)
      .values({ projectId: b.id, actorId: bOwner.id, entityType: 'story', entityId: story!.id, action: 'created', diff: { title: SECRET } })
      .returning();
    const [notification] = await services.db
      .insert(db.notifications)
      .values({ userId: bOwner.id, projectId: b.id, kind: 'assigned', title: `${SECRET} notification`, entityType: 'story', entityId: story!.id, sourceEventId: event!.id })
      .returning();
    const [thread] = await services.db.insert(db.chatThreads).values({ projectId: b.id, createdById: bMember.id, title: `${SECRET} thread` }).returning();
    const [chatMessage] = await services.db.insert(db.chatMessages).values({ threadId: thread!.id, role: 'user', content: `${SECRET} question` }).returning();
    teamB = {
      projectId: b.id,
      userIds: [bOwner.id, bMember.id],
      sprintIds: [sprint!.id],
      storyIds: [story!.id],
      threadIds: [thread!.id],
      ids: [b.id, bOwner.id, bMember.id, epic!.id, story!.id, task!.id, sprint!.id, dependency!.id, memory!.id, invitation!.id, notification!.id, thread!.id, chatMessage!.id],
    };
  });
  afterAll(async () => {
    await handle.close();
  });

  /** Every row of B, found through whichever link column a table has: the whole tenant. */
  async function snapshotB(): Promise<Record<string, string[]>> {
    const snapshot: Record<string, string[]> = {};
    for (const table of Object.values(db.schema)) {
      if (!db.is(table, db.Table)) continue;
      const columns = db.getTableColumns(table) as Record<string, db.Column>;
      const name = db.getTableName(table);
      const where =
        name === 'projects'
          ? db.eq(columns.id!, teamB.projectId)
          : name === 'users'
            ? db.inArray(columns.id!, teamB.userIds)
            : columns.projectId
              ? db.eq(columns.projectId, teamB.projectId)
              : columns.sprintId
                ? db.inArray(columns.sprintId, teamB.sprintIds)
                : columns.storyId
                  ? db.inArray(columns.storyId, teamB.storyIds)
                  : columns.threadId
                    ? db.inArray(columns.threadId, teamB.threadIds)
                    : columns.userId
                      ? db.inArray(columns.userId, teamB.userIds)
                      : null;
      if (!where) continue;
      const rows = await services.db.select().from(table as never).where(where);
      snapshot[name] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).sort();
    }
    return snapshot;
  }

  /** Calls each procedure as Alice (team A) with B's ids; returns what went wrong. */
  async function probe(procedures: [string, AnyProcedure][]): Promise<{ problems: string[]; calls: number }> {
    const problems: string[] = [];
    let calls = 0;
    const checkClean = (path: string, project: 'A' | 'B', input: unknown, outcome: Outcome, mayStayOpen: boolean) => {
      const text = JSON.stringify(outcome.output ?? null, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
      const inputText = JSON.stringify(input);
      const leaked = text.includes(SECRET) || teamB.ids.some((id) => text.includes(id) && !inputText.includes(id));
      if (outcome.code === 'INTERNAL_SERVER_ERROR' || (outcome.code === 'SUBSCRIBED' && !mayStayOpen) || leaked) {
        problems.push(`${path} with ${project}'s project and B's ids answered ${outcome.code}${leaked ? ' and revealed B data' : ''} for ${inputText}`);
      }
    };
    for (const [path, procedure] of procedures) {
      if (matches(NOT_CALLED, path)) continue;
      const userScoped = matches(USER_SCOPED, path);
      const inputs = procedure._def.inputs as z.ZodType[];
      const variants = (projectId: string) => {
        const seen = new Map<string, unknown>();
        for (const candidate of teamB.ids) {
          const uuidFor = (key: string) => (key === 'projectId' ? projectId : candidate);
          const input = inputs.length ? Object.assign({}, ...inputs.map((schema) => sampleInput(schema, uuidFor) as object)) : undefined;
          seen.set(JSON.stringify(input) ?? 'undefined', input);
        }
        return [...seen.values()];
      };

      // 1. B's project id (and B's ids everywhere else): refused, whatever the role check.
      for (const input of variants(teamB.projectId)) {
        calls++;
        const outcome = await callProcedure(procedure, path, contextFor(services, alice), input);
        if (userScoped) checkClean(path, 'B', input, outcome, true);
        else if (!DENIED.includes(outcome.code)) problems.push(`${path} with B's project answered ${outcome.code} for ${JSON.stringify(input)}`);
      }
      // 2. A's own project id with B's entity ids: may fail any clean way, must not reveal or touch B.
      const usesOtherIds = JSON.stringify(variants(teamA.projectId)).includes(teamB.ids[1]!);
      if (!usesOtherIds) continue;
      for (const input of variants(teamA.projectId)) {
        calls++;
        checkClean(path, 'A', input, await callProcedure(procedure, path, contextFor(services, alice), input), userScoped);
      }
    }
    return { problems, calls };
  }

  it('every project-scoped procedure answers NOT_FOUND to another team, and no row of B changes', async () => {
    const before = await snapshotB();
    expect(before.stories?.length).toBe(1);
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);
    expect(procedures.length).toBeGreaterThan(20);
    const { problems, calls } = await probe(procedures);
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(procedures.length);
    expect(await snapshotB()).toEqual(before);
  }, 600_000);

  it('catches a procedure that forgets the project check (the probe itself works)', async () => {
    const leaky = router({
      peek: authedProcedure.input(z.object({ projectId: z.uuid() })).query(({ ctx, input }) =>
        ctx.db.select().from(db.projects).where(db.eq(db.projects.id, input.projectId)),
      ),
      rename: authedProcedure.input(z.object({ projectId: z.uuid(), id: z.uuid() })).mutation(async ({ ctx, input }) => {
        await ctx.db.update(db.epics).set({ title: 'renamed' }).where(db.eq(db.epics.id, input.id));
        return { ok: true };
      }),
    });
    const before = await snapshotB();
    const { problems } = await probe(Object.entries(leaky._def.procedures as unknown as Record<string, AnyProcedure>));
    expect(problems.some((problem) => problem.startsWith('peek with B'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('rename with B'))).toBe(true);
    expect(await snapshotB()).not.toEqual(before);
  });

  it('anonymous callers get UNAUTHORIZED from every procedure but the public ones', async () => {
    const problems: string[] = [];
    for (const [path, procedure] of Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)) {
      if (matches(NOT_CALLED, path) || path === 'invitations.get') continue;
      const inputs = procedure._def.inputs as z.ZodType[];
      const input = inputs.length ? Object.assign({}, ...inputs.map((schema) => sampleInput(schema, (key) => (key === 'projectId' ? teamB.projectId : teamB.ids[4]!)) as object)) : undefined;
      const outcome = await callProcedure(procedure, path, contextFor(services, null), input);
      if (outcome.code !== 'UNAUTHORIZED') problems.push(`${path} answered ${outcome.code} to an anonymous caller`);
    }
    expect(problems).toEqual([]);
  });
});
