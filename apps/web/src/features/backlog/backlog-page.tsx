import { closestCorners, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { count } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { Modal } from '../../ui/modal';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { GenerateBacklogForm } from '../agents/generate-backlog-form';
import { useEpics } from '../board/use-epics';
import { ItemDrawer } from '../items/item-drawer';
import { useOpenItem } from '../items/use-open-item';
import { useMembers } from '../members/use-members';
import { useProject } from '../projects/use-project';
import { resolveBacklogDrop } from './backlog-order';
import type { BacklogStory } from './backlog-story-row';
import { EpicGroup } from './epic-group';
import { InlineCreate } from './inline-create';

const NO_EPIC = 'none';

export default function BacklogPage() {
  const { projectId = '' } = useParams();
  const { itemId, openItem, closeItem } = useOpenItem();
  const project = useProject(projectId);
  const epics = useEpics(projectId);
  const members = useMembers(projectId);
  const stories = trpc.stories.list.useQuery({ projectId, status: ['backlog', 'ready'], limit: 100, sort: 'position:asc' });
  const sprints = trpc.sprints.list.useQuery({ projectId, status: 'planning' });
  const utils = trpc.useUtils();
  const toast = useToast();
  const [generating, setGenerating] = useState(false);
  const canEdit = Boolean(project.data && project.data.role !== 'viewer' && !project.data.archivedAt);
  const refresh = () => Promise.all([utils.stories.list.invalidate({ projectId }), utils.epics.list.invalidate({ projectId }), utils.board.get.invalidate({ projectId }), utils.sprints.invalidate()]);
  const onError = (error: unknown) => {
    toast(errorMessage(error), 'error');
    void refresh();
  };
  const createStory = trpc.stories.create.useMutation({ onSuccess: refresh, onError });
  const createEpic = trpc.epics.create.useMutation({ onSuccess: refresh, onError });
  const updateStory = trpc.stories.update.useMutation({ onSuccess: refresh, onError });
  const updateEpic = trpc.epics.update.useMutation({ onSuccess: refresh, onError });
  const moveStory = trpc.stories.move.useMutation({ onSuccess: refresh, onError });
  const addToSprint = trpc.sprints.addItems.useMutation({ onSuccess: async () => { toast('Added to the sprint', 'success'); await refresh(); }, onError });

  const groups = useMemo(() => {
    const map = new Map<string, BacklogStory[]>([[NO_EPIC, []]]);
    for (const epic of epics.epics) map.set(epic.id, []);
    const rows = [...(stories.data?.items ?? [])].filter((story) => !story.sprintId).sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    for (const story of rows) {
      const groupId = story.epicId && map.has(story.epicId) ? story.epicId : NO_EPIC;
      const assignee = story.assigneeId ? members.byId.get(story.assigneeId) : undefined;
      map.get(groupId)?.push({ id: story.id, key: story.key, title: story.title, status: story.status, estimate: story.estimate, version: story.version, epicId: story.epicId, assignee });
    }
    return map;
  }, [stories.data, epics.epics, members.byId]);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragEnd = (event: DragEndEvent) => {
    if (!event.over) return;
    const id = String(event.active.id);
    const drop = resolveBacklogDrop(groups, id, String(event.over.id));
    const story = [...groups.values()].flat().find((row) => row.id === id);
    if (!drop || !story) return;
    const epicId = drop.groupId === NO_EPIC ? null : drop.groupId;
    const epicChanged = epicId !== story.epicId;
    if (!epicChanged && !drop.afterId && !drop.beforeId) return;
    moveStory.mutate({ projectId, id, version: story.version, epicId: epicChanged ? epicId : undefined, afterId: drop.afterId, beforeId: drop.beforeId });
  };

  const sprintOptions = (sprints.data?.items ?? []).map((sprint) => ({ id: sprint.id, name: sprint.name }));
  const loading = stories.isLoading || epics.isLoading;
  const error = stories.error ?? epics.error;
  const total = [...groups.values()].reduce((sum, rows) => sum + rows.length, 0);
  const group = (groupId: string, epic: { id: string; title: string; color: string; version: number } | null) => (
    <EpicGroup
      key={groupId}
      groupId={groupId}
      epic={epic}
      stories={groups.get(groupId) ?? []}
      canEdit={canEdit}
      sprints={sprintOptions}
      creating={createStory.isPending}
      onCreate={(title) => createStory.mutateAsync({ projectId, title, epicId: epic?.id ?? null })}
      onRenameEpic={(title) => epic && updateEpic.mutate({ projectId, id: epic.id, version: epic.version, title })}
      onRename={(story, title) => updateStory.mutate({ projectId, id: story.id, version: story.version, title })}
      onSprint={(story, sprintId) => addToSprint.mutate({ projectId, id: sprintId, storyIds: [story.id] })}
      onOpen={openItem}
    />
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Backlog</h1>
          <p>{count(total, 'story', 'stories')} waiting, grouped by epic. Drag to prioritise; the top of each group goes first.</p>
        </div>
        {canEdit && (
          <button type="button" className="btn" onClick={() => setGenerating(true)}>
            ✦ Generate from an idea
          </button>
        )}
      </div>
      {loading && <Loading />}
      {error && <ErrorState error={error} onRetry={() => void refresh()} />}
      {!loading && !error && (
        <DndContext sensors={sensors} collisionDetection={closestCorners} onDragEnd={onDragEnd}>
          <div className="stack">
            {epics.epics.map((epic) => group(epic.id, epic))}
            {group(NO_EPIC, null)}
            {canEdit && (
              <div className="card">
                <InlineCreate label="New epic" pending={createEpic.isPending} onCreate={(title) => createEpic.mutateAsync({ projectId, title })} />
              </div>
            )}
          </div>
        </DndContext>
      )}
      {generating && (
        <Modal title="Generate a backlog" wide onClose={() => setGenerating(false)}>
          <GenerateBacklogForm projectId={projectId} onDone={() => setGenerating(false)} />
        </Modal>
      )}
      {itemId && (
        <ItemDrawer projectId={projectId} itemId={itemId} canEdit={canEdit} onClose={closeItem} />
      )}
    </>
  );
}
