import { useCallback } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { count } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { useNames } from '../activity/use-names';
import { LiveIndicator } from '../board/live-indicator';
import { useProjectEvents } from '../board/use-project-events';
import { ItemDrawer } from '../items/item-drawer';
import { useOpenItem } from '../items/use-open-item';
import { useProject } from '../projects/use-project';
import { AiStatusCard } from './ai-status-card';
import { InsightsPanel } from './insights-panel';
import { PendingProposalsCard } from './pending-proposals-card';

/** The project's home: what the analyst found, what waits for review, and the AI's state. */
export default function OverviewPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const names = useNames(projectId);
  const toast = useToast();
  const live = useProjectEvents(projectId, useCallback(() => undefined, []));
  const analyze = trpc.ai.analyze.useMutation({
    onSuccess: (result) => toast(result.created.length ? count(result.created.length, 'new insight') : 'Analysis done: nothing new', 'success'),
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const role = project.data?.role;
  const canAct = Boolean(role && role !== 'viewer' && !project.data?.archivedAt);
  const { itemId, openItem, closeItem } = useOpenItem();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{project.data?.name ?? 'Overview'}</h1>
          <p>Risks the analyst found, proposals waiting for review, and how the AI is doing.</p>
        </div>
        <div className="row">
          <LiveIndicator status={live} />
          {canAct && (
            <button type="button" className="btn btn-primary" disabled={analyze.isPending} onClick={() => analyze.mutate({ projectId })}>
              {analyze.isPending ? 'Analyzing…' : 'Run analysis'}
            </button>
          )}
        </div>
      </div>
      <div className="overview-layout">
        <InsightsPanel projectId={projectId} canAcknowledge={canAct} names={names} onOpenItem={openItem} />
        <div className="stack">
          <PendingProposalsCard projectId={projectId} />
          <AiStatusCard projectId={projectId} />
        </div>
      </div>
      {itemId && <ItemDrawer projectId={projectId} itemId={itemId} canEdit={canAct} onClose={closeItem} />}
    </>
  );
}
