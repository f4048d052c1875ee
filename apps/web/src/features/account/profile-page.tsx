import { useState, type FormEvent } from 'react';
import { useMe } from '../../app/use-me';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { Avatar } from '../../ui/avatar';
import { Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { ChangePasswordForm } from './change-password-form';

export default function ProfilePage() {
  const me = useMe();
  const user = me.user;
  const utils = trpc.useUtils();
  const toast = useToast();
  const [form, setForm] = useState<{ name: string; avatarUrl: string } | null>(null);
  const update = trpc.auth.updateProfile.useMutation({
    onSuccess: async () => {
      toast('Profile saved', 'success');
      await utils.auth.me.invalidate();
    },
  });
  const verify = trpc.auth.requestEmailVerification.useMutation({ onSuccess: () => toast('Verification email sent', 'success'), onError: (error) => toast(errorMessage(error), 'error') });
  if (!user) return <Loading />;
  const values = form ?? { name: user.name, avatarUrl: user.avatarUrl ?? '' };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: values.name.trim(), avatarUrl: values.avatarUrl.trim() || null });
  };
  return (
    <div className="stack-lg" style={{ maxWidth: 720 }}>
      <div className="page-header" style={{ marginBottom: 0 }}>
        <div className="row">
          <Avatar size="lg" name={user.name} id={user.id} src={user.avatarUrl} />
          <div>
            <h1>{user.name}</h1>
            <p className="muted">
              {user.email} {user.emailVerified ? <span className="badge badge-success">verified</span> : <span className="badge badge-warning">not verified</span>}
            </p>
          </div>
        </div>
        {!user.emailVerified && <button type="button" className="btn" onClick={() => verify.mutate()} disabled={verify.isPending}>Send verification email</button>}
      </div>
      <form className="card" onSubmit={submit}>
        <div className="card-header"><h2>Profile</h2></div>
        <div className="card-body stack">
          {update.error && <div className="form-error" role="alert">{errorMessage(update.error)}</div>}
          <label className="field">
            <span>Name</span>
            <input className="input" required maxLength={100} value={values.name} onChange={(event) => setForm({ ...values, name: event.target.value })} />
          </label>
          <label className="field">
            <span>Avatar URL</span>
            <input className="input" type="url" placeholder="https://…" value={values.avatarUrl} onChange={(event) => setForm({ ...values, avatarUrl: event.target.value })} />
          </label>
          <div>
            <button type="submit" className="btn btn-primary" disabled={update.isPending}>Save profile</button>
          </div>
        </div>
      </form>
      {user.hasPassword && <ChangePasswordForm />}
    </div>
  );
}
