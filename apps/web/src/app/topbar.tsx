import { NotificationBell } from '../features/notifications/notification-bell';
import { ProjectSwitcher } from '../features/projects/project-switcher';
import { UserMenu } from './user-menu';

export function Topbar({ onMenu }: { onMenu: () => void }) {
  return (
    <header className="topbar">
      <button type="button" className="icon-btn menu-toggle" aria-label="Open navigation" onClick={onMenu}>
        ☰
      </button>
      <ProjectSwitcher />
      <div className="topbar-spacer" />
      <NotificationBell />
      <UserMenu />
    </header>
  );
}
