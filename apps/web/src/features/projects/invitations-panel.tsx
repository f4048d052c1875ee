import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { RoleSelect, type Role } from './role-select';

export function InvitationsPanel({ projectId }: { projectId: string }) {
  const invitations = trpc.invitations.list.useQuery({ projectId });
  const utils = trpc.useUtils();
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const create = trpc.invitations.create.useMutation({
    onSuccess: async () => {
      toast(`Invitation sent to ${email}`, 'success');
      setEmail('');
      await utils.invitations.list.invalidate({ projectId });
    },
  });
  const revoke = trpc.invitations.revoke.useMutation({
    onSuccess: () => utils.invitations.list.invalidate({ projectId }),
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ projectId, email: email.trim(), role });
  };
  const items = invitations.data?.items ?? [];
  return (
    <section className="card">
      <div className="card-header"><h2>Invitations</h2></div>
      <form className="card-body stack" onSubmit={submit}>
        {create.error && <div className="form-error" role="alert">{errorMessage(create.error)}</div>}
        <div className="row" style={{ flexWrap: 'wrap' }}>
          <input className="input grow" style={{ minWidth: 200 }} type="email" required placeholder="teammate@company.com" aria-label="Email to invite" value={email} onChange={(event) => setEmail(event.target.value)} />
          <RoleSelect label="Role for the invitation" value={role} onChange={setRole} />
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>Invite</button>
        </div>
      </form>
      {invitations.isLoading && <Loading />}
      {invitations.error && <ErrorState error={invitations.error} />}
      {invitations.data && items.length === 0 && <EmptyState icon="✉" title="No pending invitations" />}
      <ul className="card-list">
        {items.map((invitation) => (
          <li key={invitation.id}>
            <div className="grow">
              <div style={{ fontWeight: 600 }}>{invitation.email}</div>
              <div className="muted" style={{ fontSize: 12 }}>Expires {formatDate(invitation.expiresAt)}</div>
            </div>
            <span className="badge badge-accent">{invitation.role}</span>
            <span className="badge">{invitation.status}</span>
            {invitation.status === 'pending' && (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => revoke.mutate({ projectId, id: invitation.id })}>Revoke</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
