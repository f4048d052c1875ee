import { useEffect, useState, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router';
import { AgentRuns } from '../features/agents/agent-runs';
import { ProjectEventsProvider } from '../features/live/project-events-context';
import { ProjectLiveSync } from '../features/live/project-live-sync';
import { Sidebar } from './sidebar';
import { Topbar } from './topbar';
import { useCurrentProjectId } from './use-current-project-id';

/** Inside a project, one live event stream serves every screen, and agents' progress shows on all of them. */
function ProjectScope({ children }: { children: ReactNode }) {
  const projectId = useCurrentProjectId();
  if (!projectId) return <>{children}</>;
  return (
    <ProjectEventsProvider key={projectId} projectId={projectId}>
      <ProjectLiveSync projectId={projectId} />
      {children}
      <AgentRuns projectId={projectId} />
    </ProjectEventsProvider>
  );
}

export function AppLayout() {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <ProjectScope>
      <div className="app">
        <Sidebar open={menuOpen} />
        {menuOpen && <div className="scrim" style={{ zIndex: 65 }} onClick={() => setMenuOpen(false)} />}
        <div className="main">
          <Topbar onMenu={() => setMenuOpen((open) => !open)} />
          <main className="content" id="main">
            <Outlet />
          </main>
        </div>
      </div>
    </ProjectScope>
  );
}
