import { Avatar } from '../../ui/avatar';
import type { BoardCard } from './board-model';

interface Props {
  card: BoardCard;
  assignee: { id: string; name: string; avatarUrl: string | null } | undefined;
  epic: { title: string; color: string } | undefined;
}

/** What a card shows: epic colour bar, title, key, labels, estimate and assignee. */
export function CardContent({ card, assignee, epic }: Props) {
  return (
    <>
      {epic && <span className="epic-bar" style={{ background: epic.color }} aria-hidden="true" />}
      <span className="item-title">{card.title}</span>
      {(epic || card.labels.length > 0) && (
        <span className="item-meta">
          {epic && (
            <span className="epic-tag truncate" style={{ color: epic.color }}>
              <i style={{ background: epic.color }} />
              <span className="truncate">{epic.title}</span>
            </span>
          )}
          {card.labels.slice(0, 3).map((label) => (
            <span key={label} className="label-tag">{label}</span>
          ))}
        </span>
      )}
      <span className="item-meta">
        <span className="item-key">{card.key}</span>
        {(card.priority === 'high' || card.priority === 'critical') && (
          <span className={`priority-${card.priority}`} title={`${card.priority} priority`}>▲ {card.priority}</span>
        )}
        <span className="grow" />
        {card.estimate !== null && <span className="estimate" title="Story points">{card.estimate}</span>}
        <Avatar size="sm" name={assignee?.name} id={assignee?.id} src={assignee?.avatarUrl} title={assignee ? `Assigned to ${assignee.name}` : 'Unassigned'} />
      </span>
    </>
  );
}
