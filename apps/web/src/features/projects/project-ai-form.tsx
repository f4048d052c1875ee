import { useState, type FormEvent } from 'react';
import { errorCode, errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { PII_CATEGORIES, PII_LABELS, readAiSettings, writeAiSettings } from './ai-settings';

interface Project {
  id: string;
  settings: Record<string, unknown>;
  version: number;
}

/** Monthly limits on remote AI calls and what is masked before text leaves for a model or is stored as memory. */
export function ProjectAiForm({ project, canEdit }: { project: Project; canEdit: boolean }) {
  const [form, setForm] = useState(() => readAiSettings(project.settings));
  const utils = trpc.useUtils();
  const toast = useToast();
  const update = trpc.projects.update.useMutation({
    onSuccess: async () => {
      toast('AI settings saved', 'success');
      await Promise.all([utils.projects.get.invalidate({ id: project.id }), utils.aiUsage.invalidate()]);
    },
    onError: async (error) => {
      if (errorCode(error) === 'CONFLICT') await utils.projects.get.invalidate({ id: project.id });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: project.id, version: project.version, settings: writeAiSettings(project.settings, form) });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="AI and privacy">
      <div className="card-header"><h2>AI and privacy</h2></div>
      <div className="card-body stack">
        {update.error && <div className="form-error" role="alert">{errorCode(update.error) === 'CONFLICT' ? 'Someone else changed the project; reload and try again.' : errorMessage(update.error)}</div>}
        <div className="fields-grid">
          <label className="field">
            <span>Monthly token limit</span>
            <input className="input" type="number" min={1} step={1} placeholder="No limit" value={form.monthlyTokenLimit} disabled={!canEdit} onChange={(event) => setForm({ ...form, monthlyTokenLimit: event.target.value })} />
          </label>
          <label className="field">
            <span>Monthly cost limit (USD)</span>
            <input className="input" type="number" min={0.01} step={0.01} placeholder="No limit" value={form.monthlyCostLimitUsd} disabled={!canEdit} onChange={(event) => setForm({ ...form, monthlyCostLimitUsd: event.target.value })} />
          </label>
        </div>
        <p className="hint">Limits count calls to a remote model in the current calendar month (UTC); once one is reached, AI calls are refused until the month ends. The offline provider is free.</p>
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: 6 }}>
          <legend className="section-title">Mask before sending to a model or storing as memory</legend>
          <div className="row" style={{ flexWrap: 'wrap', gap: 16 }}>
            {PII_CATEGORIES.map((category) => (
              <label key={category} className="checkbox">
                <input type="checkbox" checked={form.masked[category]} disabled={!canEdit} onChange={(event) => setForm({ ...form, masked: { ...form.masked, [category]: event.target.checked } })} /> {PII_LABELS[category]}
              </label>
            ))}
          </div>
        </fieldset>
        {canEdit && (
          <div>
            <button type="submit" className="btn btn-primary" disabled={update.isPending}>Save AI settings</button>
          </div>
        )}
      </div>
    </form>
  );
}
