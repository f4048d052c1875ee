import { Link } from 'react-router';
import { useCurrentProjectId } from '../../app/use-current-project-id';
import { trpc } from '../../lib/trpc';
import { Popover } from '../../ui/popover';
import { ProjectChip } from './project-chip';

export function ProjectSwitcher() {
  const currentId = useCurrentProjectId();
  const projects = trpc.projects.list.useQuery({});
  const items = projects.data?.items ?? [];
  const current = items.find((project) => project.id === currentId);
  return (
    <Popover
      align="left"
      label="Projects"
      trigger={(open) => (
        <button type="button" className="switcher-btn" aria-expanded={open} aria-label="Switch project" data-testid="project-switcher">
          {current ? <ProjectChip id={current.id} keyPrefix={current.keyPrefix} /> : <span className="project-chip" style={{ background: '#94a3b8' }}>◫</span>}
          <span className="truncate">{current?.name ?? 'Projects'}</span>
          <span className="muted">▾</span>
        </button>
      )}
    >
      {(close) => (
        <>
          {projects.isLoading && <div className="menu-item muted">Loading…</div>}
          {items.map((project) => (
            <Link key={project.id} to={`/projects/${project.id}/board`} className="menu-item" onClick={close}>
              <ProjectChip id={project.id} keyPrefix={project.keyPrefix} />
              <span className="truncate">{project.name}</span>
            </Link>
          ))}
          {projects.data && items.length === 0 && <div className="menu-item muted">No projects yet</div>}
          <div className="menu-sep" />
          <Link to="/projects" className="menu-item" onClick={close}>
            All projects…
          </Link>
        </>
      )}
    </Popover>
  );
}
