import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import type { MemberView } from '../members/use-members';

type StoryStatus = 'backlog' | 'ready' | 'in_progress' | 'review' | 'done';

interface Props {
  projectId: string;
  members: MemberView[];
  epics: { id: string; title: string }[];
  defaultStatus?: StoryStatus;
  defaultEpicId?: string | null;
  onDone: () => void;
}

export function NewStoryForm({ projectId, members, epics, defaultStatus = 'backlog', defaultEpicId = null, onDone }: Props) {
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<StoryStatus>(defaultStatus);
  const [estimate, setEstimate] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [epicId, setEpicId] = useState(defaultEpicId ?? '');
  const [labels, setLabels] = useState('');
  const utils = trpc.useUtils();
  const create = trpc.stories.create.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.board.get.invalidate({ projectId }), utils.stories.list.invalidate({ projectId })]);
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      projectId,
      title: title.trim(),
      status,
      estimate: estimate === '' ? null : Number(estimate),
      assigneeId: assigneeId || null,
      epicId: epicId || null,
      labels: labels.split(',').map((label) => label.trim()).filter(Boolean),
    });
  };
  return (
    <form className="stack" onSubmit={submit}>
      {create.error && <div className="form-error" role="alert">{errorMessage(create.error)}</div>}
      <label className="field">
        <span>Title</span>
        <input className="input" name="title" required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} autoFocus />
      </label>
      <div className="fields-grid">
        <label className="field">
          <span>Status</span>
          <select className="select" name="status" value={status} onChange={(event) => setStatus(event.target.value as StoryStatus)}>
            <option value="backlog">Backlog</option>
            <option value="ready">Ready</option>
            <option value="in_progress">In progress</option>
            <option value="review">In review</option>
            <option value="done">Done</option>
          </select>
        </label>
        <label className="field">
          <span>Estimate (points)</span>
          <input className="input" name="estimate" type="number" min={0} max={1000} value={estimate} onChange={(event) => setEstimate(event.target.value)} />
        </label>
        <label className="field">
          <span>Assignee</span>
          <select className="select" name="assignee" value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
            <option value="">Unassigned</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>{member.name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Epic</span>
          <select className="select" name="epic" value={epicId} onChange={(event) => setEpicId(event.target.value)}>
            <option value="">No epic</option>
            {epics.map((epic) => (
              <option key={epic.id} value={epic.id}>{epic.title}</option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Labels</span>
        <input className="input" name="labels" placeholder="frontend, bug" value={labels} onChange={(event) => setLabels(event.target.value)} />
        <span className="hint">Separate labels with commas.</span>
      </label>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !title.trim()}>
          {create.isPending ? 'Creating…' : 'Create story'}
        </button>
      </div>
    </form>
  );
}
