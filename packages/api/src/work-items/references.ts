import { and, epics, eq, isNull, projectMembers, stories, tasks } from '@devmentor/db';
import { NotFoundError, ValidationError } from '../errors';
import type { DbOrTx } from '../events/project-events';

/** Item ids and people an item may point at; only the fields present are checked. */
export interface ItemReferences {
  assigneeId?: string | null | undefined;
  epicId?: string | null | undefined;
  storyId?: string | null | undefined;
  parentTaskId?: string | null | undefined;
}

/**
 * Every reference must stay inside the project: the assignee is a member, the epic/story/parent
 * task is a live item of the same project (another project's id is NOT_FOUND, as everywhere).
 * A subtask's parent must be a top-level task, so nesting is one level deep and cannot cycle.
 * Returns the parent task's story, which a subtask inherits.
 */
export async function checkReferences(
  db: DbOrTx,
  projectId: string,
  refs: ItemReferences,
  self?: { id: string },
): Promise<{ parentStoryId?: string | null }> {
  if (refs.assigneeId) {
    const [member] = await db
      .select({ userId: projectMembers.userId })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, refs.assigneeId)));
    if (!member) throw new ValidationError('The assignee must be a member of the project', { field: 'assigneeId' });
  }
  if (refs.epicId) {
    const [epic] = await db
      .select({ id: epics.id })
      .from(epics)
      .where(and(eq(epics.id, refs.epicId), eq(epics.projectId, projectId), isNull(epics.deletedAt)));
    if (!epic) throw new NotFoundError('Epic', { field: 'epicId', id: refs.epicId });
  }
  if (refs.storyId) {
    const [story] = await db
      .select({ id: stories.id })
      .from(stories)
      .where(and(eq(stories.id, refs.storyId), eq(stories.projectId, projectId), isNull(stories.deletedAt)));
    if (!story) throw new NotFoundError('Story', { field: 'storyId', id: refs.storyId });
  }
  if (refs.parentTaskId) {
    if (self && refs.parentTaskId === self.id) throw new ValidationError('A task cannot be its own parent', { field: 'parentTaskId' });
    const [parent] = await db
      .select({ id: tasks.id, parentTaskId: tasks.parentTaskId, storyId: tasks.storyId })
      .from(tasks)
      .where(and(eq(tasks.id, refs.parentTaskId), eq(tasks.projectId, projectId), isNull(tasks.deletedAt)));
    if (!parent) throw new NotFoundError('Task', { field: 'parentTaskId', id: refs.parentTaskId });
    if (parent.parentTaskId) throw new ValidationError('Subtasks cannot have subtasks', { field: 'parentTaskId' });
    return { parentStoryId: parent.storyId };
  }
  return {};
}
