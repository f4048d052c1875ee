import type { MemberView } from '../members/use-members';

type StoryStatus = 'backlog' | 'ready' | 'in_progress' | 'review' | 'done';
type Priority = 'low' | 'medium' | 'high' | 'critical';

export interface StoryFieldValues {
  status: StoryStatus;
  priority: Priority;
  estimate: number | null;
  confidence: number | null;
  assigneeId: string | null;
  epicId: string | null;
  labels: string[];
}

interface Props {
  value: StoryFieldValues;
  members: MemberView[];
  epics: { id: string; title: string }[];
  canEdit: boolean;
  onChange: (patch: Partial<StoryFieldValues>) => void;
}

const numberOrNull = (raw: string) => (raw === '' ? null : Number(raw));

export function ItemFields({ value, members, epics, canEdit, onChange }: Props) {
  return (
    <div className="fields-grid">
      <label className="field">
        <span>Status</span>
        <select className="select" value={value.status} disabled={!canEdit} onChange={(event) => onChange({ status: event.target.value as StoryStatus })} data-testid="drawer-status">
          <option value="backlog">Backlog</option>
          <option value="ready">Ready</option>
          <option value="in_progress">In progress</option>
          <option value="review">In review</option>
          <option value="done">Done</option>
        </select>
      </label>
      <label className="field">
        <span>Priority</span>
        <select className="select" value={value.priority} disabled={!canEdit} onChange={(event) => onChange({ priority: event.target.value as Priority })}>
          <option value="low">Low</option>
          <option value="medium">Medium</option>
          <option value="high">High</option>
          <option value="critical">Critical</option>
        </select>
      </label>
      <label className="field">
        <span>Assignee</span>
        <select className="select" value={value.assigneeId ?? ''} disabled={!canEdit} onChange={(event) => onChange({ assigneeId: event.target.value || null })}>
          <option value="">Unassigned</option>
          {members.map((member) => (
            <option key={member.id} value={member.id}>{member.name}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Epic</span>
        <select className="select" value={value.epicId ?? ''} disabled={!canEdit} onChange={(event) => onChange({ epicId: event.target.value || null })}>
          <option value="">No epic</option>
          {epics.map((epic) => (
            <option key={epic.id} value={epic.id}>{epic.title}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Estimate (points)</span>
        <input className="input" type="number" min={0} max={1000} defaultValue={value.estimate ?? ''} disabled={!canEdit} onBlur={(event) => numberOrNull(event.target.value) !== value.estimate && onChange({ estimate: numberOrNull(event.target.value) })} />
      </label>
      <label className="field">
        <span>Confidence (%)</span>
        <input className="input" type="number" min={0} max={100} defaultValue={value.confidence ?? ''} disabled={!canEdit} onBlur={(event) => numberOrNull(event.target.value) !== value.confidence && onChange({ confidence: numberOrNull(event.target.value) })} />
      </label>
      <label className="field" style={{ gridColumn: '1 / -1' }}>
        <span>Labels</span>
        <input
          className="input"
          defaultValue={value.labels.join(', ')}
          disabled={!canEdit}
          placeholder="frontend, bug"
          onBlur={(event) => {
            const labels = event.target.value.split(',').map((label) => label.trim()).filter(Boolean);
            if (labels.join(',') !== value.labels.join(',')) onChange({ labels });
          }}
        />
      </label>
    </div>
  );
}
