import type { LiveStatus } from './use-project-events';

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const label = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <span className="presence" data-testid="live-status" data-status={status} title={status === 'live' ? 'Changes by others appear as they happen' : 'Trying to reconnect'}>
      <span className={status === 'live' ? 'live-dot' : 'live-dot off'} /> {label}
    </span>
  );
}
