import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { Modal } from '../../ui/modal';

interface Props {
  projectId: string;
  sprint: { id: string; name: string; version: number };
  unfinished: number;
  planning: { id: string; name: string }[];
  onClose: () => void;
}

/** Completing asks where unfinished stories go: the backlog, an existing planned sprint, or a new one. */
export function CompleteSprintDialog({ projectId, sprint, unfinished, planning, onClose }: Props) {
  const [target, setTarget] = useState<string>('backlog');
  const [name, setName] = useState('Next sprint');
  const utils = trpc.useUtils();
  const complete = trpc.sprints.complete.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.sprints.invalidate(), utils.board.get.invalidate({ projectId }), utils.stories.list.invalidate({ projectId })]);
      onClose();
    },
  });
  const submit = () => {
    if (target === 'backlog') complete.mutate({ projectId, id: sprint.id, version: sprint.version, unfinished: 'backlog' });
    else if (target === 'new') complete.mutate({ projectId, id: sprint.id, version: sprint.version, unfinished: 'next_sprint', nextSprintName: name.trim() || undefined });
    else complete.mutate({ projectId, id: sprint.id, version: sprint.version, unfinished: 'next_sprint', nextSprintId: target });
  };
  return (
    <Modal title={`Complete ${sprint.name}`} onClose={onClose}>
      <div className="stack">
        {complete.error && <div className="form-error" role="alert">{errorMessage(complete.error)}</div>}
        <p>{unfinished === 0 ? 'Every story is done. Nice work.' : `${unfinished} ${unfinished === 1 ? 'story is' : 'stories are'} not done. Where should ${unfinished === 1 ? 'it' : 'they'} go?`}</p>
        {unfinished > 0 && (
          <div className="stack" role="radiogroup" aria-label="Unfinished stories go to">
            <label className="checkbox"><input type="radio" name="target" checked={target === 'backlog'} onChange={() => setTarget('backlog')} /> Back to the backlog</label>
            {planning.map((next) => (
              <label key={next.id} className="checkbox"><input type="radio" name="target" checked={target === next.id} onChange={() => setTarget(next.id)} /> Into {next.name}</label>
            ))}
            <label className="checkbox"><input type="radio" name="target" checked={target === 'new'} onChange={() => setTarget('new')} /> Into a new sprint</label>
            {target === 'new' && <input className="input" aria-label="New sprint name" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />}
          </div>
        )}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={complete.isPending} onClick={submit}>Complete sprint</button>
        </div>
      </div>
    </Modal>
  );
}
