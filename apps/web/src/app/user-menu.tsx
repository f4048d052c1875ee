import { Link, useNavigate } from 'react-router';
import { trpc } from '../lib/trpc';
import { useResetSession } from '../lib/session';
import { signedInHint } from '../lib/signed-in-hint';
import { Avatar } from '../ui/avatar';
import { Popover } from '../ui/popover';
import { useMe } from './use-me';

export function UserMenu() {
  const { user } = useMe();
  const navigate = useNavigate();
  const resetSession = useResetSession();
  const logout = trpc.auth.logout.useMutation({
    onSettled: () => {
      signedInHint.clear();
      resetSession();
      void navigate('/login');
    },
  });
  if (!user) return null;
  return (
    <Popover
      label="Account"
      trigger={(open) => (
        <button type="button" className="icon-btn" aria-label="Account menu" aria-expanded={open} data-testid="user-menu">
          <Avatar name={user.name} id={user.id} src={user.avatarUrl} />
        </button>
      )}
    >
      {(close) => (
        <>
          <div style={{ padding: '8px 10px' }}>
            <div style={{ fontWeight: 650 }}>{user.name}</div>
            <div className="muted truncate">{user.email}</div>
          </div>
          <div className="menu-sep" />
          <Link className="menu-item" to="/settings/profile" onClick={close}>Profile</Link>
          <Link className="menu-item" to="/settings/sessions" onClick={close}>Sessions</Link>
          <Link className="menu-item" to="/settings/api-keys" onClick={close}>API keys</Link>
          <div className="menu-sep" />
          <button type="button" className="menu-item" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Sign out
          </button>
        </>
      )}
    </Popover>
  );
}
