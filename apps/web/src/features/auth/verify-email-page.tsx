import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { Loading } from '../../ui/states';
import { AuthCard } from './auth-card';

export default function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = trpc.auth.verifyEmail.useMutation();
  const sent = useRef(false);
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      verify.mutate({ token });
    }
  }, [token, verify]);
  return (
    <AuthCard title="Verify your email">
      {!token && <div className="form-error" role="alert">This link has no token. Open the link from the email again.</div>}
      {verify.isPending && <Loading label="Verifying…" />}
      {verify.isSuccess && <div className="form-success" role="status">Your email address is verified.</div>}
      {verify.error && <div className="form-error" role="alert">{errorMessage(verify.error)}</div>}
      <Link to="/projects" className="btn btn-block">Continue to DevMentor</Link>
    </AuthCard>
  );
}
