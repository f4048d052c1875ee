import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { Modal } from '../../ui/modal';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useProject } from '../projects/use-project';
import { CreateSprintForm } from './create-sprint-form';
import { SprintDetail } from './sprint-detail';

export default function SprintsPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const project = useProject(projectId);
  const sprints = trpc.sprints.list.useQuery({ projectId, limit: 100 });
  const [creating, setCreating] = useState(false);
  const role = project.data?.role;
  const canPlan = Boolean(role && role !== 'viewer' && !project.data?.archivedAt);
  const canRun = role === 'admin' || role === 'owner';
  const items = sprints.data?.items ?? [];
  const order = { active: 0, planning: 1, completed: 2 } as const;
  const sorted = [...items].sort((a, b) => order[a.status] - order[b.status]);
  const selected = params.get('sprint') ?? sorted[0]?.id ?? null;
  const planning = items.filter((sprint) => sprint.status === 'planning').map((sprint) => ({ id: sprint.id, name: sprint.name }));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sprints</h1>
          <p>Plan against capacity, run one sprint at a time, close it out.</p>
        </div>
        {canPlan && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>+ New sprint</button>}
      </div>
      {sprints.isLoading && <Loading />}
      {sprints.error && <ErrorState error={sprints.error} onRetry={() => void sprints.refetch()} />}
      {sprints.data && items.length === 0 && (
        <div className="card">
          <EmptyState icon="◷" title="No sprints yet" action={canPlan && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>Plan the first sprint</button>}>
            A sprint is a time box with a goal and a set of stories.
          </EmptyState>
        </div>
      )}
      {items.length > 0 && (
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 260px) minmax(0, 1fr)', gap: 16 }} className="sprints-layout">
          <nav className="card" aria-label="Sprints" style={{ alignSelf: 'start' }}>
            <ul className="card-list">
              {sorted.map((sprint) => (
                <li key={sprint.id} style={{ padding: 0 }}>
                  <button type="button" className="menu-item" style={{ padding: '12px 16px', borderRadius: 0, background: sprint.id === selected ? 'var(--accent-50)' : undefined }} onClick={() => setParams({ sprint: sprint.id })}>
                    <span className="grow">
                      <span style={{ fontWeight: 600, display: 'block' }}>{sprint.name}</span>
                      <span className="muted" style={{ fontSize: 12 }}>{formatDate(sprint.startDate)} – {formatDate(sprint.endDate)}</span>
                    </span>
                    <span className={`badge ${sprint.status === 'active' ? 'badge-success' : sprint.status === 'planning' ? 'badge-info' : ''}`}>{sprint.status}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {selected && <SprintDetail key={selected} projectId={projectId} sprintId={selected} canPlan={canPlan} canRun={canRun} planning={planning} />}
        </div>
      )}
      {creating && (
        <Modal title="New sprint" onClose={() => setCreating(false)}>
          <CreateSprintForm projectId={projectId} onDone={(id) => { setCreating(false); setParams({ sprint: id }); }} />
        </Modal>
      )}
    </>
  );
}
