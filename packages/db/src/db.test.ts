import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestEnv } from '@devmentor/config';
import { count, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from './client';
import { hasVectorExtension, migrate, rowsOf, schemaStatus } from './migrate';
import { events, projects, sprints, stories, tasks, users } from './schema';
import { DEMO_EMAIL, seedDemo } from './seed';
import { createTestDb } from './testing';

const expectedMode = loadTestEnv().TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`database (${expectedMode})`, () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('runs in the configured mode with every migration applied', async () => {
    expect(handle.mode).toBe(expectedMode);
    const status = await schemaStatus(handle);
    expect(status.current).toBe(true);
    expect(status.applied).toBeGreaterThan(0);
  });

  it('applying migrations again changes nothing', async () => {
    await migrate(handle);
    expect((await schemaStatus(handle)).current).toBe(true);
  });

  it('detects pgvector: always in PGlite, absent on the development PostgreSQL', async () => {
    const vector = await hasVectorExtension(handle);
    if (expectedMode === 'pglite') expect(vector).toBe(true);
    else expect(typeof vector).toBe('boolean');
  });

  it('seeds the demo workspace once, with an active sprint', async () => {
    const first = await seedDemo(handle.db, { passwordHash: 'hash' });
    expect(first.created).toBe(true);
    const second = await seedDemo(handle.db, { passwordHash: 'other' });
    expect(second.created).toBe(false);

    const [user] = await handle.db.select().from(users).where(eq(users.email, DEMO_EMAIL));
    expect(user?.passwordHash).toBe('hash');
    const [project] = await handle.db.select().from(projects).where(eq(projects.ownerId, user!.id));
    expect(project?.keyPrefix).toBe('DM');
    const [storyCount] = await handle.db.select({ n: count() }).from(stories).where(eq(stories.projectId, project!.id));
    const [taskCount] = await handle.db.select({ n: count() }).from(tasks).where(eq(tasks.projectId, project!.id));
    expect(storyCount!.n).toBeGreaterThan(0);
    expect(taskCount!.n).toBeGreaterThan(0);
    const active = await handle.db.select().from(sprints).where(eq(sprints.status, 'active'));
    expect(active).toHaveLength(1);
    // Item numbers are unique across kinds and the project's counter is past all of them.
    expect(project!.itemSequence).toBeGreaterThanOrEqual(storyCount!.n + taskCount!.n);
    const seededEvents = await handle.db.select().from(events).where(eq(events.projectId, project!.id));
    expect(seededEvents.map((event) => event.action)).toContain('seeded');
  });

  it('allows only one active sprint per project', async () => {
    const [project] = await handle.db.select().from(projects).limit(1);
    await expect(
      handle.db.insert(sprints).values({ projectId: project!.id, name: 'Second', status: 'active' }),
    ).rejects.toThrow();
  });
});

describe('embedded PGlite settings', () => {
  it('sizes the buffer cache as configured, PGlite’s own 128 MB otherwise', async () => {
    const showSharedBuffers = async (handle: DbHandle) => rowsOf<{ shared_buffers: string }>(await handle.db.execute(sql`show shared_buffers`))[0]!.shared_buffers;
    for (const [sharedBuffersMb, expected] of [[undefined, '128MB'], [64, '64MB']] as const) {
      const handle = await createDb({ sharedBuffersMb });
      try {
        expect(await showSharedBuffers(handle)).toBe(expected);
      } finally {
        await handle.close();
      }
    }
  });
});
