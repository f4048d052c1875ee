import { useMemo } from 'react';
import { trpc } from '../../lib/trpc';
import type { BoardCard, BoardColumn } from './board-model';

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

/** `board.get` as columns of cards, in server order. */
export function useBoard(projectId: string) {
  const query = trpc.board.get.useQuery({ projectId });
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
  return { ...query, columns };
}
