import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';

export function ChangePasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const toast = useToast();
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: () => {
      toast('Password changed; your other sessions were signed out', 'success');
      setCurrent('');
      setNext('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };
  return (
    <form className="card" onSubmit={submit}>
      <div className="card-header"><h2>Password</h2></div>
      <div className="card-body stack">
        {change.error && <div className="form-error" role="alert">{errorMessage(change.error)}</div>}
        <label className="field">
          <span>Current password</span>
          <input className="input" type="password" autoComplete="current-password" required value={currentPassword} onChange={(event) => setCurrent(event.target.value)} />
        </label>
        <label className="field">
          <span>New password</span>
          <input className="input" type="password" autoComplete="new-password" required minLength={8} maxLength={128} value={newPassword} onChange={(event) => setNext(event.target.value)} />
          <span className="hint">Changing it signs out your other sessions.</span>
        </label>
        <div>
          <button type="submit" className="btn btn-primary" disabled={change.isPending}>Change password</button>
        </div>
      </div>
    </form>
  );
}
