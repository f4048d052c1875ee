import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { useResetSession } from '../../lib/session';
import { signedInHint } from '../../lib/signed-in-hint';
import { trpc } from '../../lib/trpc';
import { AuthCard } from './auth-card';
import { GithubButton } from './github-button';
import { safeNext } from './safe-next';

export default function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const resetSession = useResetSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = trpc.auth.login.useMutation({
    onSuccess: () => {
      signedInHint.set();
      resetSession();
      void navigate(next, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };
  return (
    <AuthCard title="Sign in" subtitle="Welcome back. Pick up where your team left off.">
      <form className="stack" onSubmit={submit}>
        {params.get('error') === 'github' && !login.error && <div className="form-error" role="alert">GitHub sign-in did not complete. Try again or use your password.</div>}
        {login.error && <div className="form-error" role="alert">{errorMessage(login.error)}</div>}
        <label className="field">
          <span>Email</span>
          <input className="input" type="email" name="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input className="input" type="password" name="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <GithubButton />
      <div className="row-between" style={{ fontSize: 13 }}>
        <Link to="/reset-password">Forgot password?</Link>
        <Link to={`/register${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
      </div>
    </AuthCard>
  );
}
