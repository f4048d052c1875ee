import { ProposalPayload } from '@devmentor/ai';
import { aiProposals, and, desc, eq, events, getTableColumns, max, type Database } from '@devmentor/db';
import { NotFoundError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { afterCursor, cursorTimestamp } from '../pagination/newest-first';
import type { Context } from '../trpc/context';

/** What the proposal services need: database, bus, settings, and the caller. */
export type ProposalContext = Pick<Context, 'db' | 'bus' | 'env'> & { auth: { user: { id: string } } };

export type ProposalRow = typeof aiProposals.$inferSelect;
export type Proposal = Omit<ProposalRow, 'payload'> & { payload: ProposalPayload };

export function toProposal(row: ProposalRow): Proposal {
  return { ...row, payload: ProposalPayload.parse(row.payload) };
}

/** One proposal of the project; another project's id is NOT_FOUND. */
export async function loadProposal(db: DbOrTx, projectId: string, id: string, options: { lock?: boolean } = {}): Promise<Proposal> {
  const query = db
    .select()
    .from(aiProposals)
    .where(and(eq(aiProposals.id, id), eq(aiProposals.projectId, projectId)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Proposal', { id });
  return toProposal(row);
}

/** The id of the project's latest event (0 when there is none): what a new proposal is based on. */
export async function latestEventId(db: DbOrTx, projectId: string): Promise<number> {
  const [row] = await db.select({ id: max(events.id) }).from(events).where(eq(events.projectId, projectId));
  return Number(row?.id ?? 0);
}

/** Newest first, keyset-paginated on (createdAt, id): `limit + 1` rows, each with its cursor timestamp. */
export async function listProposalRows(db: Database, input: { projectId: string; status?: ProposalRow['status'] | undefined; cursor?: string | undefined; limit: number }) {
  return db
    .select({ row: getTableColumns(aiProposals), at: cursorTimestamp(aiProposals.createdAt) })
    .from(aiProposals)
    .where(and(eq(aiProposals.projectId, input.projectId), input.status ? eq(aiProposals.status, input.status) : undefined, afterCursor(aiProposals, input.cursor)))
    .orderBy(desc(aiProposals.createdAt), desc(aiProposals.id))
    .limit(input.limit + 1);
}
