import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { AuthCard } from './auth-card';

function RequestReset() {
  const [email, setEmail] = useState('');
  const request = trpc.auth.requestPasswordReset.useMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email: email.trim() });
  };
  if (request.isSuccess) {
    return <div className="form-success" role="status">If an account exists for {email}, a reset link is on its way.</div>;
  }
  return (
    <form className="stack" onSubmit={submit}>
      {request.error && <div className="form-error" role="alert">{errorMessage(request.error)}</div>}
      <label className="field">
        <span>Email</span>
        <input className="input" type="email" name="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
      </label>
      <button type="submit" className="btn btn-primary btn-block" disabled={request.isPending}>Send reset link</button>
    </form>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const reset = trpc.auth.resetPassword.useMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, password });
  };
  if (reset.isSuccess) {
    return (
      <div className="stack">
        <div className="form-success" role="status">Your password was changed. Sign in with the new one.</div>
        <Link to="/login" className="btn btn-primary btn-block">Sign in</Link>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={submit}>
      {reset.error && <div className="form-error" role="alert">{errorMessage(reset.error)}</div>}
      <label className="field">
        <span>New password</span>
        <input className="input" type="password" name="password" autoComplete="new-password" required minLength={8} maxLength={128} value={password} onChange={(event) => setPassword(event.target.value)} />
      </label>
      <button type="submit" className="btn btn-primary btn-block" disabled={reset.isPending}>Set new password</button>
    </form>
  );
}

export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <AuthCard title="Reset your password" subtitle={token ? 'Choose a new password.' : 'We will email you a link.'}>
      {token ? <ChooseNewPassword token={token} /> : <RequestReset />}
      <Link to="/login" style={{ fontSize: 13 }}>Back to sign in</Link>
    </AuthCard>
  );
}
