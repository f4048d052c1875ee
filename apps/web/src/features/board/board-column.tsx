import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { MemberView } from '../members/use-members';
import type { BoardColumn, ColumnInfo } from './board-model';
import { BoardCardView } from './board-card';
import { STATUS_COLORS, STATUS_LABELS } from './use-board';

interface Props {
  column: BoardColumn;
  /** The whole column's figures; the column may show fewer cards than it holds. */
  info: ColumnInfo | undefined;
  members: Map<string, MemberView>;
  epics: Map<string, { title: string; color: string }>;
  canDrag: boolean;
  onOpen: (id: string) => void;
  onShowMore: () => void;
}

export function BoardColumnView({ column, info, members, epics, canDrag, onOpen, onShowMore }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.status}`, disabled: !canDrag });
  const total = info?.count ?? column.items.length;
  const points = info?.points ?? column.items.reduce((sum, item) => sum + (item.estimate ?? 0), 0);
  const label = STATUS_LABELS[column.status] ?? column.status;
  return (
    <section className="column" aria-label={label} data-testid={`column-${column.status}`}>
      <header className="column-header">
        <div className="column-title-row">
          <span className="column-dot" style={{ background: STATUS_COLORS[column.status] ?? '#94a3b8' }} />
          <span className="column-title">{label}</span>
          <span className="grow" />
          <span className="column-count" title={total !== column.items.length ? `${column.items.length} of ${total} shown` : undefined}>
            {total !== column.items.length ? `${column.items.length}/${total}` : total}
          </span>
        </div>
        <span className="column-points" title="Story points in this column">{points} pts</span>
      </header>
      <SortableContext id={column.status} items={column.items.map((item) => item.id)} strategy={verticalListSortingStrategy}>
        <div ref={setNodeRef} className={`column-body${isOver ? ' over' : ''}`}>
          {column.items.map((card) => (
            <BoardCardView
              key={card.id}
              card={card}
              assignee={card.assigneeId ? (members.get(card.assigneeId) ?? card.assignee ?? undefined) : undefined}
              epic={card.epicId ? (epics.get(card.epicId) ?? card.epic ?? undefined) : undefined}
              canDrag={canDrag}
              onOpen={onOpen}
            />
          ))}
          {column.items.length === 0 && <div className="column-empty">{canDrag ? 'Drop cards here' : 'Nothing here'}</div>}
          {info?.hasMore && (
            <button type="button" className="btn btn-ghost btn-sm column-more" onClick={onShowMore} data-testid={`show-more-${column.status}`}>
              Show more ({total - column.items.length} not shown)
            </button>
          )}
        </div>
      </SortableContext>
    </section>
  );
}
