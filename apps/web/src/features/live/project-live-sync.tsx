import { useCallback } from 'react';
import { trpc } from '../../lib/trpc';
import { useProjectEvents, type ProjectEvent } from '../board/use-project-events';

/** Keeps the AI screens fresh for everyone watching: proposals, insights and AI usage refetch when their events arrive. */
export function ProjectLiveSync({ projectId }: { projectId: string }) {
  const utils = trpc.useUtils();
  useProjectEvents(
    projectId,
    useCallback(
      (event: ProjectEvent) => {
        if (event.entityType === 'proposal') {
          void utils.proposals.list.invalidate({ projectId });
          void utils.proposals.get.invalidate({ projectId, id: event.entityId });
          void utils.proposals.preview.invalidate({ projectId, id: event.entityId });
        }
        if (event.entityType === 'insight') void utils.insights.list.invalidate({ projectId });
        if (event.entityType === 'agent' && event.action !== 'started') void utils.aiUsage.summary.invalidate({ projectId });
        // Applying a proposal changes items the preview shows as "current".
        if (event.proposalId && event.entityType !== 'proposal') void utils.proposals.preview.invalidate({ projectId, id: event.proposalId });
      },
      [projectId, utils],
    ),
  );
  return null;
}
