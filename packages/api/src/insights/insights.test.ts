import { and, eq, events, insights, notifications, sprints, sql, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAgentJobs } from '../agents/agent-jobs';
import { userChannel } from '../live/user-channel';
import { codeOf, insertStory } from '../sprints/testing/work-items';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { ANALYZE_PROJECTS_JOB } from './analyze-project';

describe('project analyst and insights', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser, admin: TestUser, member: TestUser, viewer: TestUser, outsider: TestUser;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    registerAgentJobs(services);
    [owner, admin, member, viewer, outsider] = (await Promise.all(['Owner', 'Admin', 'Member', 'Viewer', 'Outsider'].map((name) => createTestUser(services, { name })))) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
  });
  afterAll(async () => {
    await handle.close();
  });

  async function riskyProject() {
    const projectId = (
      await createTestProject(services, owner, [{ user: admin, role: 'admin' }, { user: member, role: 'member' }, { user: viewer, role: 'viewer' }], { keyPrefix: 'AN' })
    ).id;
    const [sprint] = await services.db
      .insert(sprints)
      .values({ projectId, name: 'Sprint 9', status: 'active', startedAt: new Date('2026-01-01'), startDate: '2026-01-01', endDate: '2026-01-14', capacity: { [member.id]: 2 } })
      .returning();
    await insertStory(services, projectId, { title: 'Checkout', priority: 'critical', sprintId: sprint!.id, assigneeId: member.id, estimate: 5 });
    await insertStory(services, projectId, { title: 'Refunds', priority: 'high' });
    return { projectId, sprint: sprint! };
  }

  it('stores each finding once, with evidence, and notifies admins and owners of critical ones', async () => {
    const { projectId, sprint } = await riskyProject();
    const pushed: unknown[] = [];
    const unsubscribe = await services.bus.subscribe(userChannel(admin.id), (message) => pushed.push(message));
    const first = await callerFor(services, member).ai.analyze({ projectId });
    await unsubscribe();
    const types = first.created.map((insight) => `${insight.type}:${insight.severity}`).sort();
    expect(types).toEqual(['overdue_sprint:critical', 'overloaded:critical', 'unassigned_priority:info']);
    expect(first.created.every((insight) => insight.entities.length > 0)).toBe(true);
    expect(first.created.find((insight) => insight.type === 'overdue_sprint')?.entities[0]).toEqual({ type: 'sprint', id: sprint.id });

    const notified = await services.db.select().from(notifications).where(eq(notifications.projectId, projectId));
    expect(notified.map((row) => row.userId).sort()).toEqual([owner.id, owner.id, admin.id, admin.id].sort());
    expect(notified.every((row) => row.kind === 'insight_critical' && row.entityType === 'insight')).toBe(true);
    expect(pushed).toHaveLength(2);

    const again = await callerFor(services, member).ai.analyze({ projectId });
    expect(again).toMatchObject({ found: 3, created: [] });
    expect(await services.db.select().from(insights).where(eq(insights.projectId, projectId))).toHaveLength(3);
    expect(await services.db.select().from(notifications).where(eq(notifications.projectId, projectId))).toHaveLength(4);
    const agentEvents = await services.db.select().from(events).where(and(eq(events.projectId, projectId), eq(events.entityType, 'agent'))).orderBy(events.id);
    const oneRun = ['started', 'progress', 'progress', 'completed'];
    expect(agentEvents.map((event) => event.action)).toEqual([...oneRun, ...oneRun]);
  });

  it('lists and acknowledges; viewers read, outsiders get NOT_FOUND', async () => {
    const { projectId } = await riskyProject();
    const other = await riskyProject();
    await callerFor(services, member).ai.analyze({ projectId });
    const listed = await callerFor(services, viewer).insights.list({ projectId });
    expect(listed.items).toHaveLength(3);
    const target = listed.items[0]!;
    expect(await codeOf(callerFor(services, viewer).insights.acknowledge({ projectId, id: target.id }))).toBe('FORBIDDEN');
    expect(await callerFor(services, member).insights.acknowledge({ projectId, id: target.id })).toMatchObject({ acknowledgedById: member.id });
    expect((await callerFor(services, viewer).insights.list({ projectId })).items).toHaveLength(2);
    expect((await callerFor(services, viewer).insights.list({ projectId, includeAcknowledged: true })).items).toHaveLength(3);

    expect(await codeOf(callerFor(services, outsider).insights.list({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(callerFor(services, outsider).ai.analyze({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(callerFor(services, outsider).insights.acknowledge({ projectId, id: target.id }))).toBe('NOT_FOUND');
    // Another project's insight through a project the caller belongs to: NOT_FOUND, unchanged.
    expect(await codeOf(callerFor(services, member).insights.acknowledge({ projectId: other.projectId, id: target.id }))).toBe('NOT_FOUND');
  });

  it('pages newest first through more than one page without duplicates or gaps (ties on the timestamp broken by id)', async () => {
    const { projectId } = await riskyProject();
    // One analysis stores its findings in one transaction: they share a timestamp to the microsecond.
    await callerFor(services, member).ai.analyze({ projectId });
    const at = ['2026-02-01T08:00:00.000100Z', '2026-02-01T08:00:00.000200Z', '2026-02-01T08:00:00.000200Z', '2026-02-01T08:00:00.000900Z'];
    await services.db.insert(insights).values(at.map((time, i) => ({ projectId, type: 'manual', severity: 'info' as const, title: `Finding ${i}`, dedupeKey: `manual:${i}`, createdAt: sql`${time}::timestamptz` })));
    const all = (await callerFor(services, viewer).insights.list({ projectId, limit: 100 })).items.map((item) => item.id);
    expect(all).toHaveLength(7);

    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await callerFor(services, viewer).insights.list({ projectId, limit: 2, cursor });
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(7);
  });

  it('the scheduled job analyzes every active project', async () => {
    const { projectId } = await riskyProject();
    await services.jobs.enqueue(ANALYZE_PROJECTS_JOB, {});
    await services.jobs.whenIdle();
    expect(await services.db.select().from(insights).where(eq(insights.projectId, projectId))).toHaveLength(3);
  });
});
