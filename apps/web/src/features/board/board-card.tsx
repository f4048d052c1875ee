import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { KeyboardEvent } from 'react';
import type { BoardCard } from './board-model';
import { CardContent } from './card-content';

interface Props {
  card: BoardCard;
  assignee: { id: string; name: string; avatarUrl: string | null } | undefined;
  epic: { title: string; color: string } | undefined;
  canDrag: boolean;
  onOpen: (id: string) => void;
}

/** A sortable card; for viewers it is a plain button (no drag handles, no keyboard moves). */
export function BoardCardView({ card, assignee, epic, canDrag, onOpen }: Props) {
  const sortable = useSortable({ id: card.id, disabled: !canDrag, data: { status: card.status } });
  const style = { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition };
  const dragProps = canDrag ? { ...sortable.attributes, ...sortable.listeners } : {};
  return (
    <div
      ref={sortable.setNodeRef}
      style={style}
      className={`item-card${canDrag ? ' draggable' : ''}${sortable.isDragging ? ' dragging' : ''}`}
      data-testid="board-card"
      data-key={card.key}
      data-status={card.status}
      {...dragProps}
      role="button"
      tabIndex={0}
      aria-roledescription={canDrag ? 'draggable card' : 'card'}
      aria-label={`${card.key} ${card.title}`}
      onClick={() => onOpen(card.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(card.id);
        else (dragProps as { onKeyDown?: (event: KeyboardEvent) => void }).onKeyDown?.(event);
      }}
    >
      <CardContent card={card} assignee={assignee} epic={epic} />
    </div>
  );
}
