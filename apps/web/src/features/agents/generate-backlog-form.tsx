import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

const MAX_IDEA = 50_000;

const optionalNumber = (value: string) => (value.trim() ? Number(value) : undefined);

/** Sends an idea or a whole spec to the backlog agent; its proposal opens in the inbox for review. */
export function GenerateBacklogForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [form, setForm] = useState({ idea: '', teamSize: '', timelineWeeks: '', notes: '' });
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const generate = trpc.ai.generateBacklog.useMutation({
    onSuccess: async (proposal) => {
      await utils.proposals.list.invalidate({ projectId });
      onDone();
      void navigate(`/projects/${projectId}/proposals/${proposal.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const teamSize = optionalNumber(form.teamSize);
    const timelineWeeks = optionalNumber(form.timelineWeeks);
    const notes = form.notes.trim() || undefined;
    const constraints = teamSize || timelineWeeks || notes ? { teamSize, timelineWeeks, notes } : undefined;
    generate.mutate({ projectId, idea: form.idea.trim(), constraints });
  };
  return (
    <form className="stack" onSubmit={submit}>
      {generate.error && <div className="form-error" role="alert">{errorMessage(generate.error)}</div>}
      <label className="field">
        <span>Idea or specification</span>
        <textarea
          className="textarea"
          rows={9}
          required
          maxLength={MAX_IDEA}
          placeholder={'# Checkout\n- As a shopper I can pay by card\n  - Card is charged once\n- Send a receipt by email'}
          value={form.idea}
          onChange={(event) => setForm({ ...form, idea: event.target.value })}
          autoFocus
        />
        <span className="hint">
          Paste a product idea or a whole spec (headings, bullets, acceptance criteria). {form.idea.length.toLocaleString()} / {MAX_IDEA.toLocaleString()} characters.
        </span>
      </label>
      <div className="fields-grid">
        <label className="field">
          <span>Team size</span>
          <input className="input" type="number" min={1} max={500} value={form.teamSize} onChange={(event) => setForm({ ...form, teamSize: event.target.value })} />
        </label>
        <label className="field">
          <span>Timeline (weeks)</span>
          <input className="input" type="number" min={1} max={520} value={form.timelineWeeks} onChange={(event) => setForm({ ...form, timelineWeeks: event.target.value })} />
        </label>
      </div>
      <label className="field">
        <span>Other constraints</span>
        <input className="input" maxLength={2000} placeholder="Mobile first, no new vendors…" value={form.notes} onChange={(event) => setForm({ ...form, notes: event.target.value })} />
      </label>
      <p className="hint">Nothing is created yet: the agent proposes epics, stories and dependencies, and you choose what to apply. Items the project already has are skipped.</p>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
        <button type="submit" className="btn btn-primary" disabled={generate.isPending || !form.idea.trim()}>
          {generate.isPending ? 'Generating…' : 'Generate proposal'}
        </button>
      </div>
    </form>
  );
}
