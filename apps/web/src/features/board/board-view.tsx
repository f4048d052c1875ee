import { closestCorners, DndContext, DragOverlay, KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useState } from 'react';
import type { MemberView } from '../members/use-members';
import { anchorDrop, resolveDrop, type AnchoredMove, type BoardCard, type BoardColumn, type ColumnInfo } from './board-model';
import { BoardColumnView } from './board-column';
import { CardContent } from './card-content';

interface Props {
  columns: BoardColumn[];
  columnInfo: Map<string, ColumnInfo>;
  members: Map<string, MemberView>;
  epics: Map<string, { title: string; color: string }>;
  canDrag: boolean;
  onMove: (card: BoardCard, move: AnchoredMove & { afterId: string | null }) => void;
  onOpen: (id: string) => void;
  onShowMore: (status: string) => void;
}

const announcements = {
  onDragStart: ({ active }: { active: { id: string | number } }) => `Picked up card ${String(active.id)}.`,
  onDragOver: ({ over }: { over: { id: string | number } | null }) => (over ? `Over ${String(over.id).replace('column:', 'column ')}.` : 'Not over a column.'),
  onDragEnd: ({ over }: { over: { id: string | number } | null }) => (over ? 'Card dropped.' : 'Card returned.'),
  onDragCancel: () => 'Move cancelled.',
};

/** The columns with drag and drop: mouse, touch, and keyboard (space to lift, arrows, space to drop). */
export function BoardView({ columns, columnInfo, members, epics, canDrag, onMove, onOpen, onShowMore }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const [active, setActive] = useState<BoardCard | null>(null);
  const find = (id: string) => columns.flatMap((column) => column.items).find((item) => item.id === id);

  const onDragStart = (event: DragStartEvent) => setActive(find(String(event.active.id)) ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setActive(null);
    if (!event.over) return;
    const card = find(String(event.active.id));
    const drop = resolveDrop(columns, String(event.active.id), String(event.over.id));
    if (card && drop) onMove(card, anchorDrop(columns, drop));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: 'To move a card, press space, use the arrow keys to choose a place, then press space again. Escape cancels.' } }}
    >
      <div className="board" data-testid="board">
        {columns.map((column) => (
          <BoardColumnView
            key={column.status}
            column={column}
            info={columnInfo.get(column.status)}
            members={members}
            epics={epics}
            canDrag={canDrag}
            onOpen={onOpen}
            onShowMore={() => onShowMore(column.status)}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {active && (
          <div className="item-card overlay">
            <CardContent card={active} assignee={active.assigneeId ? members.get(active.assigneeId) : undefined} epic={active.epicId ? epics.get(active.epicId) : undefined} />
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
