import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { useResetSession } from '../../lib/session';
import { signedInHint } from '../../lib/signed-in-hint';
import { trpc } from '../../lib/trpc';
import { AuthCard } from './auth-card';
import { GithubButton } from './github-button';
import { safeNext } from './safe-next';

export default function RegisterPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const resetSession = useResetSession();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const register = trpc.auth.register.useMutation({
    onSuccess: () => {
      signedInHint.set();
      resetSession();
      void navigate(next, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ name: form.name.trim(), email: form.email.trim(), password: form.password });
  };
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  return (
    <AuthCard title="Create your account" subtitle="Plan, track and ship with your team.">
      <form className="stack" onSubmit={submit}>
        {register.error && <div className="form-error" role="alert">{errorMessage(register.error)}</div>}
        <label className="field">
          <span>Name</span>
          <input className="input" name="name" autoComplete="name" required maxLength={100} value={form.name} onChange={set('name')} />
        </label>
        <label className="field">
          <span>Email</span>
          <input className="input" type="email" name="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </label>
        <label className="field">
          <span>Password</span>
          <input className="input" type="password" name="password" autoComplete="new-password" required minLength={8} maxLength={128} value={form.password} onChange={set('password')} />
          <span className="hint">At least 8 characters; common passwords are refused.</span>
        </label>
        <button type="submit" className="btn btn-primary btn-block" disabled={register.isPending}>
          {register.isPending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <GithubButton />
      <p style={{ fontSize: 13 }} className="muted">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </AuthCard>
  );
}
