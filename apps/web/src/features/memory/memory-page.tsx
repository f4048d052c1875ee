import { useCallback } from 'react';
import { useParams } from 'react-router';
import { trpc } from '../../lib/trpc';
import { useNames } from '../activity/use-names';
import { LiveIndicator } from '../board/live-indicator';
import { useProjectEvents, type ProjectEvent } from '../board/use-project-events';
import { ItemDrawer } from '../items/item-drawer';
import { useOpenItem } from '../items/use-open-item';
import { useProject } from '../projects/use-project';
import { CitedSource, useCitedSource } from './cited-source';
import { DocumentsPanel } from './documents-panel';
import { NotesPanel } from './notes-panel';
import { SearchPanel } from './search-panel';

/** What the AI teammate knows about the project, searchable as chat searches it: notes, documents, items. */
export default function MemoryPage() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const names = useNames(projectId);
  const utils = trpc.useUtils();
  const live = useProjectEvents(
    projectId,
    useCallback(
      (event: ProjectEvent) => {
        // Someone's new or deleted note or document changes both its list and what a search finds.
        if (event.entityType === 'memory') void Promise.all([utils.memory.list.invalidate({ projectId }), utils.memory.search.invalidate({ projectId })]);
        if (event.entityType === 'document') void Promise.all([utils.documents.list.invalidate({ projectId }), utils.memory.search.invalidate({ projectId })]);
      },
      [projectId, utils],
    ),
  );
  const role = project.data?.role;
  const canWrite = Boolean(role && role !== 'viewer' && !project.data?.archivedAt);
  const { itemId, openItem, closeItem } = useOpenItem();
  const { cited, closeCited } = useCitedSource();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Memory</h1>
          <p>What the AI teammate knows about this project: decisions and notes, documents, and every story and task.</p>
        </div>
        <LiveIndicator status={live} />
      </div>
      <div className="stack-lg">
        {cited && <CitedSource key={cited.id} projectId={projectId} cited={cited} onClose={closeCited} />}
        <SearchPanel projectId={projectId} onOpenStory={openItem} />
        <div className="memory-layout">
          <NotesPanel projectId={projectId} canWrite={canWrite} names={names} />
          <DocumentsPanel projectId={projectId} canWrite={canWrite} />
        </div>
      </div>
      {itemId && <ItemDrawer projectId={projectId} itemId={itemId} canEdit={canWrite} onClose={closeItem} />}
    </>
  );
}

