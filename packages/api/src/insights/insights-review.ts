import { and, desc, eq, getTableColumns, insights, isNull, type Database } from '@devmentor/db';
import { NotFoundError } from '../errors';
import { afterCursor, cursorTimestamp, toPage } from '../pagination/newest-first';

/** The project's insights, newest first (open ones only unless asked); `nextCursor` is null on the last page. */
export async function listInsights({ ctx, input }: { ctx: { db: Database }; input: { projectId: string; includeAcknowledged?: boolean | undefined; cursor?: string | undefined; limit: number } }) {
  const rows = await ctx.db
    .select({ row: getTableColumns(insights), at: cursorTimestamp(insights.createdAt) })
    .from(insights)
    .where(and(eq(insights.projectId, input.projectId), input.includeAcknowledged ? undefined : isNull(insights.acknowledgedAt), afterCursor(insights, input.cursor)))
    .orderBy(desc(insights.createdAt), desc(insights.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit);
}

/** Marks an insight as seen; acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeInsight({ ctx, input }: { ctx: { db: Database; auth: { user: { id: string } } }; input: { projectId: string; id: string } }) {
  const where = and(eq(insights.id, input.id), eq(insights.projectId, input.projectId));
  const [updated] = await ctx.db
    .update(insights)
    .set({ acknowledgedById: ctx.auth.user.id, acknowledgedAt: new Date() })
    .where(and(where, isNull(insights.acknowledgedAt)))
    .returning();
  if (updated) return updated;
  const [existing] = await ctx.db.select().from(insights).where(where);
  if (!existing) throw new NotFoundError('Insight', { id: input.id });
  return existing;
}
