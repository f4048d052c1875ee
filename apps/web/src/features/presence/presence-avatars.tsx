import { useState } from 'react';
import { useMe } from '../../app/use-me';
import { trpc } from '../../lib/trpc';
import { Avatar } from '../../ui/avatar';

interface Viewer {
  userId: string;
  name: string;
  avatarUrl: string | null;
  itemIds: string[];
}

/** Who else has this project open, live from `presence.watch` (which also announces this tab). */
export function PresenceAvatars({ projectId, itemId }: { projectId: string; itemId?: string | null }) {
  const { user } = useMe();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  trpc.presence.watch.useSubscription({ projectId, itemId: itemId ?? null }, { onData: (snapshot) => setViewers(snapshot.viewers) });
  const others = viewers.filter((viewer) => viewer.userId !== user?.id);
  if (others.length === 0) return null;
  return (
    <div className="presence" data-testid="presence" aria-label={`Also here: ${others.map((viewer) => viewer.name).join(', ')}`}>
      <div className="avatar-stack">
        {others.slice(0, 5).map((viewer) => (
          <Avatar key={viewer.userId} size="sm" name={viewer.name} id={viewer.userId} src={viewer.avatarUrl} title={`${viewer.name} is viewing${viewer.itemIds.length ? ' a story' : ' the board'}`} />
        ))}
      </div>
      {others.length > 5 && <span>+{others.length - 5}</span>}
      <span className="hide-mobile">{others.length === 1 ? `${others[0]?.name.split(' ')[0]} is here` : `${others.length} others here`}</span>
    </div>
  );
}
