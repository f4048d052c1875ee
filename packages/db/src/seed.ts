import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { epics, events, projectMembers, projects, sprintItems, sprints, stories, tasks, users } from './schema';

export const DEMO_EMAIL = 'demo@devmentor.local';

export interface SeedDemoOptions {
  /** Hash of the demo password; the caller owns hashing (the db package holds no auth rules). */
  passwordHash: string;
  today?: Date;
}

export type SeedDemoResult = { created: false } | { created: true; userId: string; projectId: string };

const demoEpics = [
  { title: 'Accounts and sign-in', color: '#6366f1' },
  { title: 'Payments', color: '#f59e0b' },
  { title: 'Team board', color: '#10b981' },
] as const;

const demoStories = [
  { epic: 0, title: 'Sign up with email and password', status: 'done', estimate: 3, priority: 'high' },
  { epic: 0, title: 'Reset a forgotten password', status: 'in_progress', estimate: 2, priority: 'medium' },
  { epic: 1, title: 'Pay an invoice by card', status: 'ready', estimate: 5, priority: 'critical' },
  { epic: 1, title: 'Download receipts as PDF', status: 'backlog', estimate: 3, priority: 'low' },
  { epic: 2, title: 'Drag cards between columns', status: 'review', estimate: 5, priority: 'high' },
  { epic: 2, title: 'See who else is on the board', status: 'backlog', estimate: 2, priority: 'medium' },
] as const;

const demoTasks = [
  { story: 0, title: 'Hash passwords with argon2id', status: 'done' },
  { story: 1, title: 'Send the reset email', status: 'in_progress' },
  { story: 1, title: 'Expire reset tokens after an hour', status: 'todo' },
  { story: 4, title: 'Keyboard moves for cards', status: 'todo' },
] as const;

/** Fractional positions for seeded rows: a0, a1, ... sort in insertion order. */
const position = (index: number) => `a${index.toString(36)}`;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Creates the demo user and one project with epics, stories, tasks and an active sprint.
 * Idempotent: does nothing once the demo user exists. One transaction, so a crash seeds nothing.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
    if (existing.length > 0) return { created: false } as const;

    const [user] = await tx
      .insert(users)
      .values({ email: DEMO_EMAIL, name: 'Demo Lead', passwordHash: options.passwordHash, emailVerifiedAt: new Date() })
      .returning();
    if (!user) throw new Error('demo user insert returned nothing');

    let sequence = 0;
    const [project] = await tx
      .insert(projects)
      .values({
        ownerId: user.id,
        name: 'DevMentor Demo',
        slug: 'devmentor-demo',
        keyPrefix: 'DM',
        description: 'A sample project to explore the board, the backlog and the AI teammate.',
      })
      .returning();
    if (!project) throw new Error('demo project insert returned nothing');
    await tx.insert(projectMembers).values({ projectId: project.id, userId: user.id, role: 'owner' });

    const today = options.today ?? new Date();
    const end = new Date(today.getTime() + 13 * 24 * 3600 * 1000);
    const [sprint] = await tx
      .insert(sprints)
      .values({
        projectId: project.id,
        name: 'Sprint 1',
        goal: 'Sign-up and the first board interactions',
        startDate: isoDate(today),
        endDate: isoDate(end),
        status: 'active',
        startedAt: today,
        capacity: { [user.id]: 20 },
      })
      .returning();
    if (!sprint) throw new Error('demo sprint insert returned nothing');

    const epicRows = await tx
      .insert(epics)
      .values(demoEpics.map((epic, index) => ({ ...epic, projectId: project.id, number: ++sequence, position: position(index), createdById: user.id })))
      .returning();

    const storyRows = await tx
      .insert(stories)
      .values(
        demoStories.map((story, index) => ({
          projectId: project.id,
          number: ++sequence,
          title: story.title,
          status: story.status,
          priority: story.priority,
          estimate: story.estimate,
          confidence: 70,
          epicId: epicRows[story.epic]?.id ?? null,
          sprintId: story.status === 'backlog' ? null : sprint.id,
          assigneeId: story.status === 'backlog' ? null : user.id,
          acceptanceCriteria: [{ text: `${story.title} works end to end`, done: story.status === 'done' }],
          position: position(index),
          createdById: user.id,
          completedAt: story.status === 'done' ? today : null,
        })),
      )
      .returning();

    const planned = storyRows.filter((story) => story.sprintId === sprint.id);
    await tx.insert(sprintItems).values(
      planned.map((story) => ({
        sprintId: sprint.id,
        storyId: story.id,
        originalEstimate: story.estimate,
        completedAt: story.status === 'done' ? today : null,
      })),
    );

    await tx.insert(tasks).values(
      demoTasks.map((task, index) => ({
        projectId: project.id,
        number: ++sequence,
        title: task.title,
        status: task.status,
        storyId: storyRows[task.story]?.id ?? null,
        assigneeId: user.id,
        position: position(index),
        createdById: user.id,
      })),
    );

    await tx.update(projects).set({ itemSequence: sequence }).where(eq(projects.id, project.id));
    await tx.insert(events).values({
      projectId: project.id,
      actorId: user.id,
      entityType: 'project',
      entityId: project.id,
      action: 'seeded',
      diff: { epics: epicRows.length, stories: storyRows.length, tasks: demoTasks.length },
    });
    return { created: true, userId: user.id, projectId: project.id } as const;
  });
}
