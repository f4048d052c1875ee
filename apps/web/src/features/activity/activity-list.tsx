import { timeAgo } from '../../lib/format';
import { Avatar } from '../../ui/avatar';
import { describeEvent } from './describe-event';

export interface ActivityRow {
  id: number;
  entityType: string;
  entityId: string;
  action: string;
  diff: Record<string, unknown>;
  createdAt: string | Date;
  aiTriggered: boolean;
  itemKey: string | null;
  actor: { id: string; name: string; avatarUrl: string | null } | null;
}

export function ActivityList({ items, names }: { items: ActivityRow[]; names?: ReadonlyMap<string, string> }) {
  return (
    <ul className="timeline">
      {items.map((event) => {
        const text = describeEvent(event, names);
        return (
          <li key={event.id}>
            <Avatar size="sm" name={event.actor?.name ?? 'System'} id={event.actor?.id} src={event.actor?.avatarUrl} />
            <div className="grow">
              <div>
                <strong>{event.actor?.name ?? 'Someone'}</strong> {text.verb} <span className={event.itemKey ? 'item-key' : ''}>{text.subject}</span>
                {event.aiTriggered && <span className="badge badge-accent" style={{ marginLeft: 6 }}>AI</span>}
              </div>
              {text.changes.length > 0 && <div className="muted" style={{ fontSize: 12.5 }}>{text.changes.join(' · ')}</div>}
              <div className="muted" style={{ fontSize: 12 }}>{timeAgo(event.createdAt)}</div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
