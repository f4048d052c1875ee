import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { count, formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { Avatar } from '../../ui/avatar';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { STATUS_COLORS, STATUS_LABELS } from '../board/use-board';
import { useMembers } from '../members/use-members';
import { PlanSprintButton } from '../agents/plan-sprint-button';
import { CapacityTable } from './capacity-table';
import { CompleteSprintDialog } from './complete-sprint-dialog';

const STATUS_BADGE: Record<string, string> = { planning: 'badge-info', active: 'badge-success', completed: '' };

interface Props {
  projectId: string;
  sprintId: string;
  canPlan: boolean;
  canRun: boolean;
  planning: { id: string; name: string }[];
}

/** One sprint: goal, dates, capacity vs committed per member, its stories; start or complete it. */
export function SprintDetail({ projectId, sprintId, canPlan, canRun, planning }: Props) {
  const sprint = trpc.sprints.get.useQuery({ projectId, id: sprintId });
  const members = useMembers(projectId);
  const utils = trpc.useUtils();
  const toast = useToast();
  const [completing, setCompleting] = useState(false);
  const refresh = () => Promise.all([utils.sprints.invalidate(), utils.board.get.invalidate({ projectId }), utils.stories.list.invalidate({ projectId })]);
  const onError = (error: unknown) => toast(errorMessage(error), 'error');
  const update = trpc.sprints.update.useMutation({ onSuccess: refresh, onError });
  const start = trpc.sprints.start.useMutation({ onSuccess: refresh, onError });
  const removeItem = trpc.sprints.removeItem.useMutation({ onSuccess: refresh, onError });
  if (sprint.isLoading) return <Loading />;
  if (sprint.error || !sprint.data) return <ErrorState error={sprint.error} onRetry={() => void sprint.refetch()} />;
  const data = sprint.data;
  const editable = canPlan && data.status === 'planning';
  const unfinished = data.items.filter((item) => item.status !== 'done').length;
  const donePoints = data.totals.completed;
  const committed = data.totals.committed;
  return (
    <div className="stack">
      <section className="card">
        <div className="card-header">
          <div>
            <div className="row">
              <h2>{data.name}</h2>
              <span className={`badge ${STATUS_BADGE[data.status] ?? ''}`}>{data.status}</span>
            </div>
            <div className="muted" style={{ fontSize: 12.5, marginTop: 2 }}>{formatDate(data.startDate)} → {formatDate(data.endDate)}</div>
          </div>
          <div className="row" style={{ flexWrap: 'wrap' }}>
            {canPlan && data.status !== 'completed' && <PlanSprintButton projectId={projectId} sprintId={data.id} />}
            {canRun && data.status === 'planning' && <button type="button" className="btn btn-primary" disabled={start.isPending} onClick={() => start.mutate({ projectId, id: data.id, version: data.version })}>Start sprint</button>}
            {canRun && data.status === 'active' && <button type="button" className="btn btn-primary" onClick={() => setCompleting(true)}>Complete sprint</button>}
          </div>
        </div>
        <div className="card-body stack">
          {data.goal && <p><strong>Goal:</strong> {data.goal}</p>}
          <div className="row" style={{ gap: 24, flexWrap: 'wrap' }}>
            <div><div className="section-title">Capacity</div><strong style={{ fontSize: 20 }}>{data.totals.capacity}</strong> pts</div>
            <div><div className="section-title">Committed</div><strong style={{ fontSize: 20, color: committed > data.totals.capacity && data.totals.capacity > 0 ? 'var(--danger)' : undefined }}>{committed}</strong> pts</div>
            <div><div className="section-title">Done</div><strong style={{ fontSize: 20 }}>{donePoints}</strong> pts</div>
            <div className="grow" style={{ minWidth: 160 }}>
              <div className="section-title">Progress</div>
              <div className="progress"><div style={{ width: `${committed ? (donePoints / committed) * 100 : 0}%` }} /></div>
            </div>
          </div>
          {(data.totals.unassigned > 0 || data.totals.unestimated > 0) && (
            <p className="muted" style={{ fontSize: 12.5 }}>Not counted per member: {uncountedStories(data.totals)}.</p>
          )}
        </div>
      </section>
      <section className="card">
        <div className="card-header"><h2>Capacity vs committed</h2></div>
        <CapacityTable members={data.members} editable={editable} onCapacity={(userId, points) => update.mutate({ projectId, id: data.id, version: data.version, capacity: { ...data.capacity, [userId]: points } })} />
      </section>
      <section className="card">
        <div className="card-header"><h2>Stories</h2><span className="badge">{data.items.length}</span></div>
        {data.items.length === 0 && <EmptyState icon="☰" title="No stories in this sprint">Add stories from the backlog with “Move to sprint”.</EmptyState>}
        <ul className="card-list">
          {data.items.map((item) => {
            const assignee = item.assigneeId ? members.byId.get(item.assigneeId) : undefined;
            return (
              <li key={item.id}>
                <span className="column-dot" style={{ background: STATUS_COLORS[item.status] }} />
                <span className="item-key">{item.key}</span>
                <span className="grow truncate">{item.title}</span>
                <span className="badge">{STATUS_LABELS[item.status]}</span>
                {item.estimate !== null && <span className="estimate">{item.estimate}</span>}
                <Avatar size="sm" name={assignee?.name} id={assignee?.id} src={assignee?.avatarUrl} />
                {canPlan && data.status !== 'completed' && (
                  <button type="button" className="icon-btn" aria-label={`Remove ${item.key} from the sprint`} onClick={() => removeItem.mutate({ projectId, id: data.id, storyId: item.id })}>✕</button>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {completing && <CompleteSprintDialog projectId={projectId} sprint={data} unfinished={unfinished} planning={planning.filter((next) => next.id !== data.id)} onClose={() => setCompleting(false)} />}
    </div>
  );
}

/** "2 unassigned stories, 1 unestimated story": the sprint's stories left out of the per-member figures. */
function uncountedStories(totals: { unassigned: number; unestimated: number }): string {
  const parts = [
    totals.unassigned > 0 ? count(totals.unassigned, 'unassigned story', 'unassigned stories') : null,
    totals.unestimated > 0 ? count(totals.unestimated, 'unestimated story', 'unestimated stories') : null,
  ];
  return parts.filter((part) => part !== null).join(', ');
}
