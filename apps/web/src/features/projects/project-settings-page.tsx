import { useParams } from 'react-router';
import { ErrorState, Loading } from '../../ui/states';
import { InvitationsPanel } from './invitations-panel';
import { MembersPanel } from './members-panel';
import { ProjectDangerZone } from './project-danger-zone';
import { ProjectAiForm } from './project-ai-form';
import { ProjectGeneralForm } from './project-general-form';
import { useProject } from './use-project';

export default function ProjectSettingsPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  if (project.isLoading) return <Loading />;
  if (project.error || !project.data) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  const role = project.data.role;
  const isAdmin = role === 'admin' || role === 'owner';
  return (
    <div className="stack-lg" style={{ maxWidth: 820 }}>
      <div className="page-header" style={{ marginBottom: 0 }}>
        <div>
          <h1>Project settings</h1>
          <p>Your role: <span className="badge badge-accent">{role}</span></p>
        </div>
      </div>
      <ProjectGeneralForm key={project.data.version} project={project.data} canEdit={isAdmin && !project.data.archivedAt} />
      <ProjectAiForm key={`ai-${project.data.version}`} project={project.data} canEdit={isAdmin && !project.data.archivedAt} />
      <MembersPanel projectId={projectId} canManage={isAdmin} />
      {isAdmin && <InvitationsPanel projectId={projectId} />}
      {role === 'owner' && <ProjectDangerZone project={project.data} />}
    </div>
  );
}
