import { eq, epics, projects, sql, stories, tasks } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import type { AppServices } from '../../trpc/context';

/** Next item number of the project, as the work-item service hands them out. */
async function nextNumber(services: AppServices, projectId: string): Promise<number> {
  const [row] = await services.db
    .update(projects)
    .set({ itemSequence: sql`${projects.itemSequence} + 1` })
    .where(eq(projects.id, projectId))
    .returning({ number: projects.itemSequence });
  if (!row) throw new Error('project not found');
  return row.number;
}

type StoryValues = Partial<typeof stories.$inferInsert>;

/** A story row inserted directly (the tests of sprints and links do not depend on stories.create). */
export async function insertStory(services: AppServices, projectId: string, values: StoryValues = {}) {
  const number = await nextNumber(services, projectId);
  const [story] = await services.db
    .insert(stories)
    .values({ title: `Story ${number}`, position: `a${number.toString(36)}`, ...values, projectId, number })
    .returning();
  if (!story) throw new Error('story insert returned nothing');
  return story;
}

export async function insertEpic(services: AppServices, projectId: string, values: Partial<typeof epics.$inferInsert> = {}) {
  const number = await nextNumber(services, projectId);
  const [epic] = await services.db
    .insert(epics)
    .values({ title: `Epic ${number}`, position: `a${number.toString(36)}`, ...values, projectId, number })
    .returning();
  if (!epic) throw new Error('epic insert returned nothing');
  return epic;
}

export async function insertTask(services: AppServices, projectId: string, values: Partial<typeof tasks.$inferInsert> = {}) {
  const number = await nextNumber(services, projectId);
  const [task] = await services.db
    .insert(tasks)
    .values({ title: `Task ${number}`, position: `a${number.toString(36)}`, ...values, projectId, number })
    .returning();
  if (!task) throw new Error('task insert returned nothing');
  return task;
}

/** The tRPC error code a call ends with, or `OK`. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `UNEXPECTED ${String(error)}`;
  }
}

/** The TRPCError a call ends with (fails the test when it succeeds). */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
