import { and, asc, eq, events, gt } from '@devmentor/db';
import type { Context } from '../trpc/context';
import type { ProjectEvent } from '../events/project-events';

/** One project's events after `afterId`, in id order, a page at a time (memory stays bounded). */
export async function* replayEvents(ctx: Pick<Context, 'db'>, projectId: string, afterId: number, pageSize: number): AsyncGenerator<ProjectEvent> {
  let cursor = afterId;
  while (true) {
    const rows = await ctx.db
      .select()
      .from(events)
      .where(and(eq(events.projectId, projectId), gt(events.id, cursor)))
      .orderBy(asc(events.id))
      .limit(pageSize);
    for (const row of rows) yield { ...row, createdAt: row.createdAt.toISOString() };
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}
