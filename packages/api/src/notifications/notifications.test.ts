import { createTestDb } from '@devmentor/db/testing';
import { eq, notifications, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventConsumer } from '../events/event-consumer';
import { publishEvents, recordEvent } from '../events/project-events';
import { createCaller } from '../root';
import { callerFor, contextFor, countingDb, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import type { NotificationView } from './notification-view';
import { deriveNotifications } from './derive-notifications';
import { mayMentionSomeone } from './mentions';
import { createNotificationsConsumer } from './notifications-consumer';

describe('notifications', () => {
  let handle: DbHandle;
  let services: AppServices;
  let consumer: EventConsumer;
  let owner: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let projectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    consumer = createNotificationsConsumer({ db: services.db, bus: services.bus });
    await consumer.runOnce();
    owner = await createTestUser(services, { name: 'Olivia Owner' });
    ann = await createTestUser(services, { name: 'Ann' });
    bob = await createTestUser(services, { name: 'Bob Builder' });
    outsider = await createTestUser(services, { name: 'Otto' });
    projectId = (await createTestProject(services, owner, [{ user: ann, role: 'member' }, { user: bob, role: 'member' }], { keyPrefix: 'NT' })).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const inbox = async (user: TestUser) => (await callerFor(services, user).notifications.list({})).items;
  const tasks = (user: TestUser) => callerFor(services, user).tasks;

  it('notifies the new assignee, not the actor assigning themselves', async () => {
    const before = (await inbox(ann)).length;
    const task = await tasks(owner).create({ projectId, title: 'Write the docs', assigneeId: ann.id });
    await tasks(bob).update({ projectId, id: task.id, version: task.version, assigneeId: bob.id });
    await consumer.runOnce();
    const annInbox = await inbox(ann);
    expect(annInbox.length - before).toBe(1);
    expect(annInbox[0]).toMatchObject({ kind: 'assigned', entityType: 'task', entityId: task.id, actorId: owner.id, projectId, readAt: null });
    expect(annInbox[0]!.title).toContain('Write the docs');
    expect((await inbox(bob)).filter((n) => n.entityId === task.id)).toHaveLength(0);
  });

  it('notifies members newly @mentioned by name or email, once, never the author or outsiders', async () => {
    const task = await tasks(owner).create({ projectId, title: 'Plan', description: `ask @${bob.email} about it, and @Otto` });
    await tasks(owner).update({ projectId, id: task.id, version: task.version, description: `ask @${bob.email} about it; @ann and @Olivia Owner too` });
    await consumer.runOnce();
    const forBob = (await inbox(bob)).filter((n) => n.entityId === task.id);
    const forAnn = (await inbox(ann)).filter((n) => n.entityId === task.id);
    expect(forBob.map((n) => n.kind)).toEqual(['mentioned']);
    expect(forAnn.map((n) => n.kind)).toEqual(['mentioned']);
    expect(forAnn[0]!.body).toContain('@ann');
    expect((await inbox(owner)).filter((n) => n.entityId === task.id)).toHaveLength(0);
    expect((await inbox(outsider)).filter((n) => n.entityId === task.id)).toHaveLength(0);
  });

  it('reads nothing for an item event that cannot notify anyone (a move, an edit without @)', async () => {
    const task = await tasks(owner).create({ projectId, title: 'Quiet task' });
    const { db: counting, counter } = countingDb(services.db);
    const event = (action: string, diff: Record<string, unknown>) => ({ id: 1, projectId, actorId: owner.id, entityType: 'task', entityId: task.id, action, diff, aiTriggered: false, proposalId: null, createdAt: new Date().toISOString() });
    expect(await deriveNotifications(counting, event('moved', { status: { from: 'todo', to: 'in_progress' } }))).toEqual([]);
    expect(await deriveNotifications(counting, event('updated', { description: { from: '', to: 'no mention here' } }))).toEqual([]);
    expect(counter.statements).toBe(0);
    const mentioned = await deriveNotifications(counting, event('updated', { description: { from: '', to: 'over to @ann' } }));
    expect(mentioned.map((draft) => [draft.userId, draft.kind])).toEqual([[ann.id, 'mentioned']]);
    expect(counter.statements).toBeGreaterThan(0);
    expect(mayMentionSomeone({ title: 'a@b' })).toBe(true);
    expect(mayMentionSomeone({ title: { from: '@ann', to: 'nobody' } })).toBe(false);
  });

  it('notifies an existing account of an invitation and an AI proposal to whoever asked for it', async () => {
    const invitation = await services.db.transaction((tx) =>
      recordEvent(tx, { projectId, actorId: owner.id, entityType: 'invitation', entityId: crypto.randomUUID(), action: 'created', diff: { email: outsider.email.toUpperCase(), role: 'viewer' } }),
    );
    const nobody = await services.db.transaction((tx) =>
      recordEvent(tx, { projectId, actorId: owner.id, entityType: 'invitation', entityId: crypto.randomUUID(), action: 'created', diff: { email: 'nobody@example.test', role: 'viewer' } }),
    );
    const proposal = await services.db.transaction((tx) =>
      recordEvent(tx, { projectId, actorId: ann.id, entityType: 'proposal', entityId: crypto.randomUUID(), action: 'created', aiTriggered: true, diff: { summary: 'Split NT-1 into three tasks' } }),
    );
    await consumer.runOnce();
    expect((await inbox(outsider)).find((n) => n.sourceEventId === invitation.id)).toMatchObject({ kind: 'invitation', body: expect.stringContaining('viewer') });
    expect(await services.db.select().from(notifications).where(eq(notifications.sourceEventId, nobody.id))).toHaveLength(0);
    expect((await inbox(ann)).find((n) => n.sourceEventId === proposal.id)).toMatchObject({ kind: 'proposal_ready', body: 'Split NT-1 into three tasks' });
  });

  it('never duplicates a notification when two instances race or an event is processed again', async () => {
    const other = createNotificationsConsumer({ db: services.db, bus: services.bus });
    await other.runOnce();
    const task = await tasks(owner).create({ projectId, title: 'Race', assigneeId: bob.id });
    await Promise.all([consumer.runOnce(), other.runOnce(), consumer.runOnce(), other.runOnce()]);
    const forTask = await services.db.select().from(notifications).where(eq(notifications.entityId, task.id));
    expect(forTask).toHaveLength(1);
  });

  it('lists newest first with a cursor, filters unread, counts and marks read only the caller’s own', async () => {
    const user = await createTestUser(services, { name: 'Paula' });
    const project = await createTestProject(services, owner, [{ user, role: 'member' }]);
    for (const title of ['one', 'two', 'three']) await tasks(owner).create({ projectId: project.id, title, assigneeId: user.id });
    await consumer.runOnce();
    const api = callerFor(services, user);
    const first = await api.notifications.list({ limit: 2 });
    const second = await api.notifications.list({ limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((n) => n.title.split(' ').pop())).toEqual(['three', 'two', 'one']);
    expect(second.nextCursor).toBeNull();
    expect(await api.notifications.unreadCount()).toEqual({ count: 3 });

    const annsId = (await inbox(ann))[0]!.id;
    expect(await api.notifications.markRead({ ids: [first.items[0]!.id, annsId] })).toEqual({ updated: 1 });
    expect((await inbox(ann))[0]!.readAt).toBeNull();
    expect((await api.notifications.list({ unreadOnly: true })).items.map((n) => n.title.split(' ').pop())).toEqual(['two', 'one']);
    expect(await api.notifications.markAllRead()).toEqual({ updated: 2 });
    expect(await api.notifications.unreadCount()).toEqual({ count: 0 });
    await expect(callerFor(services, null).notifications.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('streams new notifications to their user and replays the missed ones after lastEventId', async () => {
    const controller = new AbortController();
    const stream = (await createCaller(contextFor(services, bob), { signal: controller.signal }).notifications.onNew()) as AsyncIterable<[string, NotificationView]>;
    const iterator = stream[Symbol.asyncIterator]();
    const pending = iterator.next();
    const task = await tasks(owner).create({ projectId, title: 'Live one', assigneeId: bob.id });
    await tasks(owner).create({ projectId, title: 'For Ann', assigneeId: ann.id });
    await consumer.runOnce();
    const received = (await pending).value as [string, NotificationView];
    expect(received[1]).toMatchObject({ kind: 'assigned', entityId: task.id });
    expect(received[0]).toBe(received[1].id);
    controller.abort();
    await iterator.return?.();

    const missed = await tasks(owner).create({ projectId, title: 'While away', assigneeId: bob.id });
    await consumer.runOnce();
    const again = new AbortController();
    const resumed = (await createCaller(contextFor(services, bob), { signal: again.signal }).notifications.onNew({ lastEventId: received[0] })) as AsyncIterable<[string, NotificationView]>;
    const next = await resumed[Symbol.asyncIterator]().next();
    expect((next.value as [string, NotificationView])[1]).toMatchObject({ entityId: missed.id });
    again.abort();
    await resumed[Symbol.asyncIterator]().return?.();
  });

  it('does not push other users’ notifications to a stream', async () => {
    const controller = new AbortController();
    const stream = (await createCaller(contextFor(services, outsider), { signal: controller.signal }).notifications.onNew()) as AsyncIterable<unknown>;
    const iterator = stream[Symbol.asyncIterator]();
    const pending = iterator.next();
    const event = await services.db.transaction((tx) =>
      recordEvent(tx, { projectId, actorId: owner.id, entityType: 'invitation', entityId: crypto.randomUUID(), action: 'created', diff: { email: outsider.email, role: 'member' } }),
    );
    await tasks(owner).create({ projectId, title: 'Not for Otto', assigneeId: ann.id });
    await publishEvents(services.bus, [event]);
    await consumer.runOnce();
    const value = (await pending).value as [string, NotificationView];
    expect(value[1]).toMatchObject({ kind: 'invitation', sourceEventId: event.id });
    controller.abort();
    await iterator.return?.();
  });
});
