import { keepPreviousData } from '@tanstack/react-query';
import { useMemo } from 'react';
import { trpc } from '../../lib/trpc';
import type { BoardCard, BoardColumn, ColumnInfo } from './board-model';
import { boardFilterInput, type BoardFilters } from './filters';

export const STATUS_LABELS: Record<string, string> = {
  backlog: 'Backlog',
  ready: 'Ready',
  in_progress: 'In progress',
  review: 'In review',
  done: 'Done',
};

export const STATUS_COLORS: Record<string, string> = {
  backlog: '#94a3b8',
  ready: '#0ea5e9',
  in_progress: '#6366f1',
  review: '#f59e0b',
  done: '#10b981',
};

export type ColumnLimits = Partial<Record<'backlog' | 'ready' | 'in_progress' | 'review' | 'done', number>>;

/**
 * `board.get` as columns of cards, in server order: the server filters and sends the first cards
 * of each column (more for the columns in `columnLimits`). The last board stays on screen while
 * the next one loads, so changing a filter or expanding a column does not flash.
 */
export function useBoard(projectId: string, filters: BoardFilters, columnLimits: ColumnLimits) {
  const input = { projectId, ...boardFilterInput(filters), ...(Object.keys(columnLimits).length > 0 ? { columnLimits } : {}) };
  const query = trpc.board.get.useQuery(input, { placeholderData: keepPreviousData });
  const columns = useMemo<BoardColumn[]>(() => {
    const assignees = new Map((query.data?.assignees ?? []).map((person) => [person.id, person]));
    const epics = new Map((query.data?.epics ?? []).map((epic) => [epic.id, epic]));
    return (query.data?.columns ?? []).map((column) => ({
      status: column.status,
      items: column.stories.map(
        (item): BoardCard => ({
          id: item.id,
          key: item.key,
          title: item.title,
          status: item.status,
          version: item.version,
          estimate: item.estimate,
          assigneeId: item.assigneeId,
          epicId: item.epicId,
          labels: item.labels,
          priority: item.priority,
          epic: item.epicId ? (epics.get(item.epicId) ?? null) : null,
          assignee: item.assigneeId ? (assignees.get(item.assigneeId) ?? null) : null,
        }),
      ),
    }));
  }, [query.data]);
  const columnInfo = useMemo(
    () => new Map<string, ColumnInfo>((query.data?.columns ?? []).map((column) => [column.status, { count: column.count, points: column.points, hasMore: column.nextCursor !== null }])),
    [query.data],
  );
  return { ...query, columns, columnInfo, totals: query.data?.totals ?? { count: 0, points: 0 } };
}
