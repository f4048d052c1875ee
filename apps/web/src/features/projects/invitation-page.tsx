import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { ErrorState, Loading } from '../../ui/states';
import { AuthCard } from '../auth/auth-card';

export default function InvitationPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const invitation = trpc.invitations.get.useQuery({ token }, { retry: false });
  const utils = trpc.useUtils();
  const accept = trpc.invitations.accept.useMutation({
    onSuccess: async (result) => {
      await utils.projects.list.invalidate();
      void navigate(`/projects/${result.projectId}/board`);
    },
  });
  const decline = trpc.invitations.decline.useMutation({ onSuccess: () => void navigate('/projects') });
  const data = invitation.data;
  return (
    <AuthCard title="Project invitation">
      {invitation.isLoading && <Loading />}
      {invitation.error && <ErrorState error={invitation.error} />}
      {data && (
        <div className="stack">
          <p>
            <strong>{data.inviterName ?? 'Someone'}</strong> invited you to join <strong>{data.projectName}</strong> as <span className="badge badge-accent">{data.role}</span>.
          </p>
          {(accept.error || decline.error) && <div className="form-error" role="alert">{errorMessage(accept.error ?? decline.error)}</div>}
          {data.status === 'pending' ? (
            <div className="row">
              <button type="button" className="btn btn-primary grow" disabled={accept.isPending} onClick={() => accept.mutate({ token })}>Accept</button>
              <button type="button" className="btn grow" disabled={decline.isPending} onClick={() => decline.mutate({ token })}>Decline</button>
            </div>
          ) : (
            <div className="form-error">This invitation is {data.status}.</div>
          )}
        </div>
      )}
    </AuthCard>
  );
}
