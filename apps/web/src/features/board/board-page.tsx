import { useCallback, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { trpc } from '../../lib/trpc';
import { Modal } from '../../ui/modal';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { ItemDrawer } from '../items/item-drawer';
import { useMembers } from '../members/use-members';
import { PresenceAvatars } from '../presence/presence-avatars';
import { useProject } from '../projects/use-project';
import { applyPendingMoves, shownColumnInfo } from './board-model';
import { BoardToolbar } from './board-toolbar';
import { BoardView } from './board-view';
import { hasFilters, parseFilters, writeFilters, type BoardFilters } from './filters';
import { LiveIndicator } from './live-indicator';
import { NewStoryForm } from './new-story-form';
import { useBoard, type ColumnLimits } from './use-board';
import { useEpics } from './use-epics';
import { useMoveCard } from './use-move-card';
import { useProjectEvents } from './use-project-events';

/**
 * Cards a column shows at first and adds per "Show more", up to the server's cap: the server's
 * `BOARD_PAGE_SIZE` and `BOARD_PAGE_MAX` (board.schemas.ts; the web app imports only the API's types).
 */
const COLUMN_PAGE = 50;
const COLUMN_LIMIT_MAX = 500;

export default function BoardPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const project = useProject(projectId);
  const [columnLimits, setColumnLimits] = useState<ColumnLimits>({});
  const board = useBoard(projectId, filters, columnLimits);
  const members = useMembers(projectId);
  const epics = useEpics(projectId);
  const { pending, move } = useMoveCard(projectId);
  const [creating, setCreating] = useState(false);
  const utils = trpc.useUtils();

  const live = useProjectEvents(
    projectId,
    useCallback(
      (event) => {
        if (['story', 'task', 'epic', 'sprint'].includes(event.entityType)) void utils.board.get.invalidate({ projectId });
        if (event.entityType === 'epic') void utils.epics.list.invalidate({ projectId });
        if (event.entityType === 'member') void utils.members.list.invalidate({ projectId });
        if (event.entityType === 'project') void utils.projects.get.invalidate({ id: projectId });
      },
      [projectId, utils],
    ),
  );

  const setFilters = useCallback((next: Partial<BoardFilters>) => setParams((current) => writeFilters(current, next), { replace: true }), [setParams]);
  const openItem = useCallback((id: string) => setParams((current) => writeFilters(current, { item: id })), [setParams]);
  const closeItem = useCallback(() => setParams((current) => writeFilters(current, { item: null })), [setParams]);

  const showMore = useCallback((status: string) => {
    const column = status as keyof ColumnLimits;
    setColumnLimits((limits) => ({ ...limits, [column]: Math.min(COLUMN_LIMIT_MAX, (limits[column] ?? COLUMN_PAGE) + COLUMN_PAGE) }));
  }, []);

  const visible = useMemo(() => applyPendingMoves(board.columns, pending), [board.columns, pending]);
  const columnInfo = useMemo(() => {
    const info = shownColumnInfo(visible, board.columns, board.columnInfo);
    // At the cap, the rest of a column is reached through the filters instead.
    for (const [status, column] of info) column.hasMore &&= (columnLimits[status as keyof ColumnLimits] ?? COLUMN_PAGE) < COLUMN_LIMIT_MAX;
    return info;
  }, [visible, board.columns, board.columnInfo, columnLimits]);
  const labels = useMemo(
    () => [...new Set([...visible.flatMap((column) => column.items.flatMap((item) => item.labels)), ...(filters.label ? [filters.label] : [])])].sort(),
    [visible, filters.label],
  );
  const epicLookup = useMemo(() => new Map(epics.epics.map((epic) => [epic.id, { title: epic.title, color: epic.color }])), [epics.epics]);
  const role = project.data?.role;
  const canEdit = Boolean(role && role !== 'viewer' && !project.data?.archivedAt);
  const itemCount = board.totals.count;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{project.data?.name ?? 'Board'}</h1>
          <p>
            {itemCount} {itemCount === 1 ? 'story' : 'stories'}{hasFilters(filters) ? ' match the filters' : ''}
            {role === 'viewer' && <span className="badge" style={{ marginLeft: 8 }}>View only</span>}
          </p>
        </div>
        <div className="row">
          <PresenceAvatars projectId={projectId} itemId={params.get('item')} />
          <LiveIndicator status={live} />
          {canEdit && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-story">
              + New story
            </button>
          )}
        </div>
      </div>
      <BoardToolbar filters={filters} onChange={setFilters} members={members.members} epics={epics.epics} labels={labels} />
      {board.isLoading && <Loading label="Loading the board…" />}
      {board.error && <ErrorState error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && itemCount === 0 && !hasFilters(filters) && (
        <div className="card" style={{ marginBottom: 16 }}>
          <EmptyState icon="▦" title="The board is empty" action={canEdit && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>Create the first story</button>}>
            Stories appear here in columns by status. Drag them along as work moves.
          </EmptyState>
        </div>
      )}
      {board.data && (itemCount > 0 || hasFilters(filters)) && (
        <BoardView columns={visible} columnInfo={columnInfo} members={members.byId} epics={epicLookup} canDrag={canEdit} onMove={move} onOpen={openItem} onShowMore={showMore} />
      )}
      {creating && (
        <Modal title="New story" onClose={() => setCreating(false)}>
          <NewStoryForm projectId={projectId} members={members.members} epics={epics.epics} onDone={() => setCreating(false)} />
        </Modal>
      )}
      {params.get('item') && <ItemDrawer projectId={projectId} itemId={params.get('item') ?? ''} canEdit={canEdit} onClose={closeItem} />}
    </>
  );
}
