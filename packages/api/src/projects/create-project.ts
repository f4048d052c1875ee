import { projectMembers, projects } from '@devmentor/db';
import { publishEvents, recordEvent } from '../events/project-events';
import type { AuthedContext } from './service-context';
import { deriveKeyPrefix, slugify, uniqueSlug } from './project-names';
import type { CreateProjectInput } from './projects.schemas';
import { projectColumns, publicProject, type ProjectView } from './project-view';

/** Creates a project owned by the caller: the project, the owner's membership and the event commit together. */
export async function createProject({ ctx, input }: { ctx: AuthedContext; input: CreateProjectInput }): Promise<ProjectView> {
  const ownerId = ctx.auth.user.id;
  const { view, event } = await ctx.db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, ownerId, slugify(input.name));
    const [row] = await tx
      .insert(projects)
      .values({
        ownerId,
        name: input.name,
        slug,
        description: input.description ?? '',
        keyPrefix: input.key ?? deriveKeyPrefix(input.name),
      })
      .returning(projectColumns);
    if (!row) throw new Error('project insert returned nothing');
    await tx.insert(projectMembers).values({ projectId: row.id, userId: ownerId, role: 'owner' });
    const event = await recordEvent(tx, {
      projectId: row.id,
      actorId: ownerId,
      entityType: 'project',
      entityId: row.id,
      action: 'created',
      diff: { ...publicProject(row) },
    });
    return { view: { ...row, role: 'owner' as const, memberCount: 1 }, event };
  });
  await publishEvents(ctx.bus, [event]);
  return view;
}
