import { errorCode, errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import type { RouterOutputs } from '../../lib/router-types';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { MEMORY_TYPE_LABELS } from './memory-types';

type Memory = RouterOutputs['memory']['list']['items'][number];

/** How much retrieval favours a memory (`relevance`, 0-1; 0.5 is neutral), in three steps people can pick. */
const WEIGHTS = [
  { value: 1, label: 'High' },
  { value: 0.5, label: 'Normal' },
  { value: 0.2, label: 'Low' },
] as const;

function weightOf(relevance: number): number {
  if (relevance >= 0.75) return 1;
  return relevance <= 0.25 ? 0.2 : 0.5;
}

/** One memory: kind, tags, who kept it and how often answers used it; members set its weight or forget it. */
export function NoteRow({ projectId, memory, canWrite, author }: { projectId: string; memory: Memory; canWrite: boolean; author: string }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const refresh = () => Promise.all([utils.memory.list.invalidate({ projectId }), utils.memory.search.invalidate({ projectId })]);
  const remove = trpc.memory.delete.useMutation({ onSuccess: refresh, onError: (error) => toast(errorMessage(error), 'error') });
  const weigh = trpc.memory.setRelevance.useMutation({
    onSuccess: () => utils.memory.list.invalidate({ projectId }),
    onError: async (error) => {
      toast(errorCode(error) === 'CONFLICT' ? 'Someone changed this memory meanwhile; showing theirs.' : errorMessage(error), 'error');
      await utils.memory.list.invalidate({ projectId });
    },
  });
  const weight = weightOf(memory.relevance);
  return (
    <li data-testid="memory-note">
      <div className="grow stack" style={{ gap: 4, minWidth: 0 }}>
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <span className="badge badge-accent">{MEMORY_TYPE_LABELS[memory.type]}</span>
          {memory.tags.map((tag) => <span key={tag} className="chip">#{tag}</span>)}
          {!canWrite && weight !== 0.5 && <span className="chip">{weight === 1 ? 'high weight' : 'low weight'}</span>}
          <span className="grow" />
          <span className="muted" style={{ fontSize: 12 }}>
            {author} · {timeAgo(memory.createdAt)}
            {memory.accessCount > 0 && ` · used ${memory.accessCount}×`}
          </span>
        </div>
        <p className="memory-text">{memory.content}</p>
      </div>
      {canWrite && (
        <div className="row">
          <select className="select input-sm" aria-label="Weight in answers" title="How much chat and agents favour this memory" value={weight} disabled={weigh.isPending} onChange={(event) => weigh.mutate({ projectId, id: memory.id, relevance: Number(event.target.value), version: memory.version })} style={{ width: 'auto' }}>
            {WEIGHTS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
          <button type="button" className="btn btn-ghost btn-sm" disabled={remove.isPending} onClick={() => window.confirm('Forget this memory? Chat will no longer find it.') && remove.mutate({ projectId, id: memory.id })}>
            Forget
          </button>
        </div>
      )}
    </li>
  );
}
