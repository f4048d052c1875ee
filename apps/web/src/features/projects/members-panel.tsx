import { useNavigate } from 'react-router';
import { useMe } from '../../app/use-me';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { Avatar } from '../../ui/avatar';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useMembers } from '../members/use-members';
import { RoleSelect, type Role } from './role-select';

export function MembersPanel({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const members = useMembers(projectId);
  const { user } = useMe();
  const utils = trpc.useUtils();
  const toast = useToast();
  const navigate = useNavigate();
  const refresh = () => utils.members.list.invalidate({ projectId });
  const onError = (error: unknown) => toast(errorMessage(error), 'error');
  const changeRole = trpc.members.changeRole.useMutation({ onSuccess: refresh, onError });
  const remove = trpc.members.remove.useMutation({ onSuccess: refresh, onError });
  const leave = trpc.members.leave.useMutation({
    onSuccess: async () => {
      await utils.projects.list.invalidate();
      void navigate('/projects');
    },
    onError,
  });
  return (
    <section className="card">
      <div className="card-header">
        <h2>Members</h2>
        <span className="badge">{members.members.length}</span>
      </div>
      {members.isLoading && <Loading />}
      {members.error && <ErrorState error={members.error} onRetry={() => void members.refetch()} />}
      <ul className="card-list" data-testid="members">
        {members.members.map((member) => (
          <li key={member.id}>
            <Avatar name={member.name} id={member.id} src={member.avatarUrl} />
            <div className="grow">
              <div style={{ fontWeight: 600 }}>
                {member.name} {member.id === user?.id && <span className="muted">(you)</span>}
              </div>
              <div className="muted truncate">{member.email}</div>
            </div>
            {canManage && member.id !== user?.id ? (
              <>
                <RoleSelect label={`Role of ${member.name}`} value={member.role as Role} onChange={(role) => changeRole.mutate({ projectId, userId: member.id, role })} />
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => window.confirm(`Remove ${member.name} from the project?`) && remove.mutate({ projectId, userId: member.id })}>
                  Remove
                </button>
              </>
            ) : (
              <span className="badge badge-accent">{member.role}</span>
            )}
            {member.id === user?.id && (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => window.confirm('Leave this project?') && leave.mutate({ projectId })}>
                Leave
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
