import { and, chatThreads, desc, eq, lt, or, type Database } from '@devmentor/db';
import { NotFoundError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import type { ListThreadsInput, ThreadView } from './chat.schemas';

type Ctx = { db: Database; auth: { user: { id: string } } };
type ThreadRow = typeof chatThreads.$inferSelect;

export function encodeCursor(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const split = cursor.indexOf('_');
  return { at: new Date(cursor.slice(0, split)), id: cursor.slice(split + 1) };
}

/** A thread title from the first question: its first line, cut at a word near 80 characters. */
export function titleFromQuestion(question: string): string {
  const line = question.split('\n').find((text) => text.trim().length > 0)?.replace(/\s+/g, ' ').trim() ?? 'New chat';
  if (line.length <= 80) return line;
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function toView(row: ThreadRow): ThreadView {
  return { id: row.id, title: row.title, createdAt: row.createdAt, lastMessageAt: row.lastMessageAt };
}

/**
 * The caller's own thread in the project. Threads are private: another member's thread, like
 * another project's or an unknown one, is NOT_FOUND.
 */
export async function loadOwnThread(db: DbOrTx, input: { projectId: string; threadId: string; userId: string }): Promise<ThreadRow> {
  const [row] = await db
    .select()
    .from(chatThreads)
    .where(and(eq(chatThreads.id, input.threadId), eq(chatThreads.projectId, input.projectId), eq(chatThreads.createdById, input.userId)));
  if (!row) throw new NotFoundError('Chat thread', { id: input.threadId });
  return row;
}

/** The caller's threads in the project, most recently active first; keyset on (lastMessageAt, id). */
export async function listThreads({ ctx, input }: { ctx: Ctx; input: ListThreadsInput & { projectId: string } }) {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await ctx.db
    .select()
    .from(chatThreads)
    .where(
      and(
        eq(chatThreads.projectId, input.projectId),
        eq(chatThreads.createdById, ctx.auth.user.id),
        after ? or(lt(chatThreads.lastMessageAt, after.at), and(eq(chatThreads.lastMessageAt, after.at), lt(chatThreads.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(chatThreads.lastMessageAt), desc(chatThreads.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map(toView), nextCursor: rows.length > input.limit && last ? encodeCursor(last.lastMessageAt, last.id) : null };
}

export async function renameThread({ ctx, input }: { ctx: Ctx; input: { projectId: string; threadId: string; title: string } }): Promise<ThreadView> {
  const thread = await loadOwnThread(ctx.db, { ...input, userId: ctx.auth.user.id });
  const [row] = await ctx.db.update(chatThreads).set({ title: input.title }).where(eq(chatThreads.id, thread.id)).returning();
  return toView(row ?? thread);
}

/** Deletes the thread and its messages (cascade); proposals made from it stay. */
export async function deleteThread({ ctx, input }: { ctx: Ctx; input: { projectId: string; threadId: string } }): Promise<{ id: string }> {
  const thread = await loadOwnThread(ctx.db, { ...input, userId: ctx.auth.user.id });
  await ctx.db.delete(chatThreads).where(eq(chatThreads.id, thread.id));
  return { id: thread.id };
}
