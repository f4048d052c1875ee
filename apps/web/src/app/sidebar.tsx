import { NavLink } from 'react-router';
import { PendingProposalsCount } from '../features/proposals/pending-proposals-count';
import { useProject } from '../features/projects/use-project';
import { trpc } from '../lib/trpc';
import { useCurrentProjectId } from './use-current-project-id';

const projectLinks = [
  { to: 'overview', label: 'Overview', icon: '◎' },
  { to: 'board', label: 'Board', icon: '▦' },
  { to: 'backlog', label: 'Backlog', icon: '☰' },
  { to: 'sprints', label: 'Sprints', icon: '◷' },
  { to: 'proposals', label: 'Proposals', icon: '✦' },
  { to: 'chat', label: 'Chat', icon: '✎' },
  { to: 'memory', label: 'Memory', icon: '◈' },
  { to: 'activity', label: 'Activity', icon: '↯' },
  { to: 'settings', label: 'Settings', icon: '⚙' },
];

function navClass({ isActive }: { isActive: boolean }) {
  return isActive ? 'nav-link active' : 'nav-link';
}

export function Sidebar({ open }: { open: boolean }) {
  const projectId = useCurrentProjectId();
  const project = useProject(projectId);
  const providers = trpc.auth.providers.useQuery(undefined, { staleTime: Infinity });
  return (
    <nav className={open ? 'sidebar open' : 'sidebar'} aria-label="Main">
      <div className="sidebar-brand">
        <span className="logo">◆</span> DevMentor
      </div>
      <div className="sidebar-section">
        <NavLink to="/projects" end className={navClass}>
          <span className="nav-icon">◫</span> All projects
        </NavLink>
        <NavLink to="/notifications" className={navClass}>
          <span className="nav-icon">◔</span> Notifications
        </NavLink>
      </div>
      {projectId && (
        <div className="sidebar-section">
          <div className="sidebar-title truncate">{project.data?.name ?? 'Project'}</div>
          {projectLinks.map((link) => (
            <NavLink key={link.to} to={`/projects/${projectId}/${link.to}`} className={navClass}>
              <span className="nav-icon">{link.icon}</span> {link.label}
              {link.to === 'proposals' && <PendingProposalsCount projectId={projectId} />}
            </NavLink>
          ))}
        </div>
      )}
      <div className="sidebar-section">
        <div className="sidebar-title">Account</div>
        <NavLink to="/settings/profile" className={navClass}>
          <span className="nav-icon">☺</span> Profile
        </NavLink>
        <NavLink to="/settings/sessions" className={navClass}>
          <span className="nav-icon">⌁</span> Sessions
        </NavLink>
        <NavLink to="/settings/api-keys" className={navClass}>
          <span className="nav-icon">✱</span> API keys
        </NavLink>
        {providers.data?.devOutbox ? (
          <NavLink to="/dev/outbox" className={navClass}>
            <span className="nav-icon">✉</span> Dev outbox
          </NavLink>
        ) : null}
      </div>
    </nav>
  );
}
