import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';

export function ProjectDangerZone({ project }: { project: { id: string; name: string; archivedAt: string | Date | null } }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const navigate = useNavigate();
  const refresh = () => Promise.all([utils.projects.get.invalidate({ id: project.id }), utils.projects.list.invalidate()]);
  const archive = trpc.projects.archive.useMutation({
    onSuccess: async () => {
      toast(`${project.name} archived`, 'success');
      await refresh();
      void navigate('/projects');
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const restore = trpc.projects.restore.useMutation({ onSuccess: refresh, onError: (error) => toast(errorMessage(error), 'error') });
  return (
    <section className="card" style={{ borderColor: '#f6caca' }}>
      <div className="card-header"><h2>Danger zone</h2></div>
      <div className="card-body row-between">
        <p className="muted">{project.archivedAt ? 'This project is archived: read-only for everyone.' : 'Archiving makes the project read-only. The owner can restore it.'}</p>
        {project.archivedAt ? (
          <button type="button" className="btn" onClick={() => restore.mutate({ id: project.id })}>Restore project</button>
        ) : (
          <button type="button" className="btn btn-danger" onClick={() => window.confirm(`Archive ${project.name}?`) && archive.mutate({ id: project.id })}>Archive project</button>
        )}
      </div>
    </section>
  );
}
