import { createTestDb } from '@devmentor/db/testing';
import { chatThreads, invitations, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';

/**
 * Each role's allowed and forbidden actions over the real procedures of projects, members and
 * invitations. Every cell runs on a fresh project, so one action's effect cannot hide another's.
 */
type Who = 'owner' | 'admin' | 'member' | 'viewer' | 'outsider';
const WHO: Who[] = ['owner', 'admin', 'member', 'viewer', 'outsider'];

interface Fixture {
  projectId: string;
  spare: TestUser;
  invitationId: string;
  version: number;
  name: string;
  /** A chat thread of each user (the outsider's entry is the owner's), and one of the spare member. */
  threads: Record<Who, string> & { spare: string };
}
type Api = ReturnType<typeof callerFor>;

const ACTIONS: Record<string, { run: (api: Api, f: Fixture, who: Who) => Promise<unknown>; archived?: boolean; expect: Record<Who, string> }> = {
  'projects.get': {
    run: (api, f) => api.projects.get({ id: f.projectId }),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'projects.update': {
    run: (api, f) => api.projects.update({ id: f.projectId, version: f.version, description: 'changed' }),
    expect: { owner: 'OK', admin: 'OK', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'projects.archive': {
    run: (api, f) => api.projects.archive({ id: f.projectId }),
    expect: { owner: 'OK', admin: 'FORBIDDEN', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'projects.restore': {
    archived: true,
    run: (api, f) => api.projects.restore({ id: f.projectId }),
    expect: { owner: 'OK', admin: 'FORBIDDEN', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'projects.update on an archived project': {
    archived: true,
    run: (api, f) => api.projects.update({ id: f.projectId, version: f.version, description: 'changed' }),
    expect: { owner: 'PRECONDITION_FAILED', admin: 'PRECONDITION_FAILED', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'projects.delete': {
    run: (api, f) => api.projects.delete({ id: f.projectId, confirmName: f.name }),
    expect: { owner: 'OK', admin: 'FORBIDDEN', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'projects.transferOwnership': {
    run: (api, f) => api.projects.transferOwnership({ id: f.projectId, userId: f.spare.id }),
    expect: { owner: 'OK', admin: 'FORBIDDEN', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'members.list': {
    run: (api, f) => api.members.list({ projectId: f.projectId }),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'members.changeRole': {
    run: (api, f) => api.members.changeRole({ projectId: f.projectId, userId: f.spare.id, role: 'viewer' }),
    expect: { owner: 'OK', admin: 'OK', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'members.changeRole to owner': {
    run: (api, f) => api.members.changeRole({ projectId: f.projectId, userId: f.spare.id, role: 'owner' }),
    expect: { owner: 'OK', admin: 'FORBIDDEN', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'members.remove': {
    run: (api, f) => api.members.remove({ projectId: f.projectId, userId: f.spare.id }),
    expect: { owner: 'OK', admin: 'OK', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'members.leave': {
    run: (api, f) => api.members.leave({ projectId: f.projectId }),
    expect: { owner: 'CONFLICT', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'invitations.create': {
    run: (api, f) => api.invitations.create({ projectId: f.projectId, email: `new-${f.projectId}@example.test`, role: 'member' }),
    expect: { owner: 'OK', admin: 'OK', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'invitations.list': {
    run: (api, f) => api.invitations.list({ projectId: f.projectId }),
    expect: { owner: 'OK', admin: 'OK', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'invitations.revoke': {
    run: (api, f) => api.invitations.revoke({ projectId: f.projectId, id: f.invitationId }),
    expect: { owner: 'OK', admin: 'OK', member: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND' },
  },
  'chat.threads': {
    run: (api, f) => api.chat.threads({ projectId: f.projectId }),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'chat.history of an own thread': {
    run: (api, f, who) => api.chat.history({ projectId: f.projectId, threadId: f.threads[who] }),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'chat.history of another member’s thread': {
    run: (api, f) => api.chat.history({ projectId: f.projectId, threadId: f.threads.spare }),
    expect: { owner: 'NOT_FOUND', admin: 'NOT_FOUND', member: 'NOT_FOUND', viewer: 'NOT_FOUND', outsider: 'NOT_FOUND' },
  },
  'chat.renameThread (own)': {
    run: (api, f, who) => api.chat.renameThread({ projectId: f.projectId, threadId: f.threads[who], title: 'renamed' }),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'chat.renameThread of another member’s thread': {
    run: (api, f) => api.chat.renameThread({ projectId: f.projectId, threadId: f.threads.spare, title: 'renamed' }),
    expect: { owner: 'NOT_FOUND', admin: 'NOT_FOUND', member: 'NOT_FOUND', viewer: 'NOT_FOUND', outsider: 'NOT_FOUND' },
  },
  'chat.deleteThread (own)': {
    run: (api, f, who) => api.chat.deleteThread({ projectId: f.projectId, threadId: f.threads[who] }),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'chat.deleteThread of another member’s thread': {
    run: (api, f) => api.chat.deleteThread({ projectId: f.projectId, threadId: f.threads.spare }),
    expect: { owner: 'NOT_FOUND', admin: 'NOT_FOUND', member: 'NOT_FOUND', viewer: 'NOT_FOUND', outsider: 'NOT_FOUND' },
  },
  'chat.ask (viewers too; proposals only for members, see chat.test.ts)': {
    run: (api, f, who) => consume(api.chat.ask({ projectId: f.projectId, threadId: f.threads[who], message: 'What is next?' })),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
  'chat.ask on an archived project (reading is allowed)': {
    archived: true,
    run: (api, f) => consume(api.chat.ask({ projectId: f.projectId, message: 'What is next?' })),
    expect: { owner: 'OK', admin: 'OK', member: 'OK', viewer: 'OK', outsider: 'NOT_FOUND' },
  },
};

/** Reads a subscription to its end: an error anywhere in it is the call's outcome. */
async function consume(stream: Promise<AsyncIterable<unknown>>): Promise<void> {
  for await (const _event of await stream);
}

describe('role matrix over the real procedures', () => {
  let handle: DbHandle;
  let services: AppServices;
  let users: Record<Who, TestUser>;
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    const created = await Promise.all(WHO.map((name) => createTestUser(services, { name })));
    users = Object.fromEntries(WHO.map((who, i) => [who, created[i]!])) as Record<Who, TestUser>;
  });
  afterAll(async () => {
    await handle.close();
  });

  async function fixture(archived: boolean): Promise<Fixture> {
    const spare = await createTestUser(services, { name: 'spare' });
    const project = await createTestProject(services, users.owner, [
      { user: users.admin, role: 'admin' },
      { user: users.member, role: 'member' },
      { user: users.viewer, role: 'viewer' },
      { user: spare, role: 'member' },
    ]);
    const [invitation] = await services.db
      .insert(invitations)
      .values({ projectId: project.id, email: `pending-${project.id}@example.test`, role: 'member', tokenHash: `hash-${project.id}`, expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    const owners = { owner: users.owner, admin: users.admin, member: users.member, viewer: users.viewer, outsider: users.owner, spare };
    const threads = Object.fromEntries(
      await Promise.all(
        Object.entries(owners).map(async ([who, user]) => {
          const [thread] = await services.db.insert(chatThreads).values({ projectId: project.id, createdById: user.id, title: `${who}'s thread` }).returning();
          return [who, thread!.id];
        }),
      ),
    ) as Fixture['threads'];
    let version = project.version;
    if (archived) version = (await callerFor(services, users.owner).projects.archive({ id: project.id })).version;
    return { projectId: project.id, spare, invitationId: invitation!.id, version, name: project.name, threads };
  }

  for (const [action, spec] of Object.entries(ACTIONS)) {
    it(`${action}: ${WHO.map((who) => `${who} ${spec.expect[who]}`).join(', ')}`, async () => {
      const actual: Partial<Record<Who, string>> = {};
      for (const who of WHO) {
        const f = await fixture(spec.archived ?? false);
        try {
          await spec.run(callerFor(services, users[who]), f, who);
          actual[who] = 'OK';
        } catch (error) {
          actual[who] = error instanceof TRPCError ? error.code : `UNEXPECTED ${String(error)}`;
        }
      }
      expect(actual).toEqual(spec.expect);
    });
  }
});
