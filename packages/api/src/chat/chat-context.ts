import { countOf, ITEM_KEY, type ChatContextPiece } from '@devmentor/ai';
import { and, desc, eq, isNull, ne, sprints, sql, stories } from '@devmentor/db';
import { listActivity } from '../activity/list-activity';
import { listInsights } from '../insights/insights-review';
import { embedderFor } from '../memory/embedder';
import { hybridSearch } from '../memory/hybrid-search';
import { memoryWeights } from '../memory/memory-rows';
import { recordMemoryAccess } from '../memory/search-memory';
import type { Context } from '../trpc/context';
import { findItemsByKeys, itemText, loadItems, projectKeyPrefix, type ChatItem } from './chat-items';

type Ctx = Pick<Context, 'db' | 'ai' | 'capabilities' | 'log'> & { auth: { user: { id: string } } };

/** How much of each source is read; the prompt budget then decides what goes in. */
export const CONTEXT_LIMITS = { namedItems: 10, searchHits: 8, boardStories: 12, insights: 5, events: 15 } as const;

/** Ranks: named in the question > search hits > sprint > board > insights > activity. */
const RANK = { named: 100, search: 80, sprint: 60, board: 55, boardStory: 50, insight: 40, activity: 20 } as const;

/**
 * A memory's weight (`relevance`, 0-1, 0.5 neutral, set by people) moves it among the search hits:
 * up to 4 places up at 1, 3 places down at 0.2, so a key decision is kept and a stale note is the
 * first to go when the prompt budget trims. It never leaves the search hits' band.
 */
export function memoryRank(searchPlace: number, relevance: number): number {
  return RANK.search - searchPlace + (relevance - 0.5) * 8;
}

function itemPiece(item: ChatItem, rank: number): ChatContextPiece {
  return { handle: item.key, kind: 'item', title: item.title, text: itemText(item), rank, ref: { id: item.id, itemType: item.type } };
}

/**
 * The project context for one question, each piece with its citation handle and rank: items the
 * question names by key, hybrid search hits (items, memories, documents), the active sprint, the
 * board, open insights and recent activity. Everything is read-only and project-scoped.
 */
export async function assembleChatContext(ctx: Ctx, input: { projectId: string; question: string }): Promise<ChatContextPiece[]> {
  const { db } = ctx;
  const { projectId } = input;
  const pieces = new Map<string, ChatContextPiece>();
  const add = (piece: ChatContextPiece) => {
    const existing = pieces.get(piece.handle.toUpperCase());
    if (!existing || existing.rank < piece.rank) pieces.set(piece.handle.toUpperCase(), piece);
  };
  const prefix = (await projectKeyPrefix(db, projectId)) ?? '';

  const keys = [...input.question.matchAll(ITEM_KEY)].map((match) => match[0]).slice(0, CONTEXT_LIMITS.namedItems);
  for (const item of (await findItemsByKeys(db, projectId, keys)).values()) add(itemPiece(item, RANK.named));

  const search = await hybridSearch(
    { db, embedder: embedderFor(ctx), onEmbedError: (err) => ctx.log.warn({ err }, 'chat query embedding failed: full-text search only') },
    { projectId, query: input.question, limit: CONTEXT_LIMITS.searchHits, match: 'any', sourceTypes: ['item', 'memory', 'document'], userId: ctx.auth.user.id },
  );
  let memoryNumber = 0;
  let documentNumber = 0;
  const memoryIds: string[] = [];
  const weights = await memoryWeights(db, projectId, search.hits.filter((hit) => hit.sourceType === 'memory').map((hit) => hit.sourceId));
  for (const [i, hit] of search.hits.entries()) {
    const rank = RANK.search - i;
    const meta = hit.metadata as { key?: string; title?: string; itemType?: string; type?: string; documentName?: string };
    if (hit.sourceType === 'item' && meta.key) {
      add({ handle: meta.key, kind: 'item', title: meta.title ?? meta.key, text: hit.content, rank, ref: { id: hit.sourceId, itemType: meta.itemType ?? 'story' } });
    } else if (hit.sourceType === 'memory') {
      memoryIds.push(hit.sourceId);
      const title = `${meta.type ?? 'memory'}: ${hit.content.replace(/\s+/g, ' ').slice(0, 60)}`;
      add({ handle: `M${++memoryNumber}`, kind: 'memory', title, text: hit.content, rank: memoryRank(i, weights.get(hit.sourceId) ?? 0.5), ref: { id: hit.sourceId, sourceType: 'memory' } });
    } else if (hit.sourceType === 'document') {
      add({ handle: `D${++documentNumber}`, kind: 'document', title: meta.documentName ?? 'document', text: hit.content, rank, ref: { id: hit.sourceId, sourceType: 'document' } });
    }
  }
  await recordMemoryAccess(db, projectId, [...new Set(memoryIds)]);

  const [sprint] = await db
    .select()
    .from(sprints)
    .where(and(eq(sprints.projectId, projectId), eq(sprints.status, 'active')))
    .limit(1);
  if (sprint) {
    const dates = [sprint.startDate, sprint.endDate].filter(Boolean).join(' to ');
    add({ handle: 'S1', kind: 'sprint', title: `Active sprint ${sprint.name}`, text: `${sprint.name}${dates ? ` (${dates})` : ''}${sprint.goal ? `, goal: ${sprint.goal}` : ''}`, rank: RANK.sprint });
  }

  const columns = await db
    .select({ status: stories.status, count: sql<number>`count(*)::int`, points: sql<number>`coalesce(sum(${stories.estimate}), 0)::int` })
    .from(stories)
    .where(and(eq(stories.projectId, projectId), isNull(stories.deletedAt)))
    .groupBy(stories.status);
  const board = columns.map((column) => `${column.status.replace('_', ' ')}: ${countOf(column.count, 'story', 'stories')}, ${countOf(column.points, 'point')}`).join('; ');
  add({ handle: 'B1', kind: 'board', title: 'Board', text: board || 'The board has no stories yet.', rank: RANK.board });

  const open = await db
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.projectId, projectId), isNull(stories.deletedAt), ne(stories.status, 'done')))
    .orderBy(sprint ? sql`(${stories.sprintId} = ${sprint.id}) desc nulls last` : sql`1`, desc(stories.updatedAt), desc(stories.id))
    .limit(CONTEXT_LIMITS.boardStories);
  const boardItems = await loadItems(db, projectId, prefix, { storyIds: open.map((row) => row.id) });
  const order = new Map(open.map((row, i) => [row.id, i]));
  for (const item of boardItems) add(itemPiece(item, RANK.boardStory - (order.get(item.id) ?? 0) / 100));

  const insightRows = (await listInsights({ ctx: { db }, input: { projectId, limit: CONTEXT_LIMITS.insights } })).items;
  insightRows.forEach((insight, i) => {
    const linked = insight.entities.map((entity) => entity.key).filter(Boolean).join(', ');
    add({ handle: `I${i + 1}`, kind: 'insight', title: insight.title, text: `${insight.severity}: ${insight.explanation}${linked ? ` (items: ${linked})` : ''}`, rank: RANK.insight - i });
  });

  const activity = await listActivity({ ctx: { db }, input: { projectId, limit: CONTEXT_LIMITS.events } });
  const lines = activity.items.map((entry) => `${entry.createdAt.toISOString().slice(0, 16)} ${entry.actor?.name ?? 'system'} ${entry.action} ${entry.itemKey ?? entry.entityType}${entry.aiTriggered ? ' (AI)' : ''}`);
  if (lines.length > 0) add({ handle: 'A1', kind: 'activity', title: 'Recent activity', text: lines.join('\n'), rank: RANK.activity });

  return [...pieces.values()];
}
