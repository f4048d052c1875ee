import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { Modal } from '../../ui/modal';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { CreateProjectForm } from './create-project-form';
import { ProjectChip } from './project-chip';

export default function ProjectsPage() {
  const [creating, setCreating] = useState(false);
  const [archived, setArchived] = useState(false);
  const projects = trpc.projects.list.useQuery({ includeArchived: archived });
  const items = (projects.data?.items ?? []).filter((project) => Boolean(project.archivedAt) === archived);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Projects</h1>
          <p>Everything your teams are working on.</p>
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={() => setArchived((value) => !value)} aria-pressed={archived}>
            {archived ? 'Show active' : 'Show archived'}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            + New project
          </button>
        </div>
      </div>
      {projects.isLoading && <Loading />}
      {projects.error && <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />}
      {projects.data && items.length === 0 && (
        <div className="card">
          <EmptyState
            icon="◫"
            title={archived ? 'No archived projects' : 'No projects yet'}
            action={!archived && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>Create your first project</button>}
          >
            {archived ? 'Archived projects show up here and can be restored.' : 'A project holds a board, a backlog and sprints for one team.'}
          </EmptyState>
        </div>
      )}
      <div className="grid-cards">
        {items.map((project) => (
          <Link key={project.id} to={`/projects/${project.id}/board`} className="card project-card" data-testid="project-card">
            <div className="row">
              <ProjectChip id={project.id} keyPrefix={project.keyPrefix} />
              <h2 className="truncate grow">{project.name}</h2>
              {project.archivedAt && <span className="badge badge-warning">Archived</span>}
            </div>
            <p className="muted" style={{ minHeight: 20 }}>{project.description || 'No description'}</p>
            <div className="row muted" style={{ fontSize: 12 }}>
              <span className="badge">{project.keyPrefix}</span>
              <span>Created {formatDate(project.createdAt)}</span>
            </div>
          </Link>
        ))}
      </div>
      {creating && (
        <Modal title="New project" onClose={() => setCreating(false)}>
          <CreateProjectForm onDone={() => setCreating(false)} />
        </Modal>
      )}
    </>
  );
}
