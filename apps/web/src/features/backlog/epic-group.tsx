import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { ReactNode } from 'react';
import { count } from '../../lib/format';
import { BacklogStoryRow, type BacklogStory } from './backlog-story-row';
import { InlineCreate } from './inline-create';
import { InlineTitle } from './inline-title';

interface Props {
  groupId: string;
  epic: { id: string; title: string; color: string } | null;
  stories: BacklogStory[];
  canEdit: boolean;
  sprints: { id: string; name: string }[];
  creating: boolean;
  onCreate: (title: string) => Promise<unknown>;
  onRenameEpic: (title: string) => void;
  onRename: (story: BacklogStory, title: string) => void;
  onSprint: (story: BacklogStory, sprintId: string) => void;
  onOpen: (id: string) => void;
  actions?: ReactNode;
}

export function EpicGroup({ groupId, epic, stories, canEdit, sprints, creating, onCreate, onRenameEpic, onRename, onSprint, onOpen }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: `group:${groupId}`, disabled: !canEdit });
  const points = stories.reduce((sum, story) => sum + (story.estimate ?? 0), 0);
  return (
    <section className="card epic-group" aria-label={epic?.title ?? 'No epic'} data-testid="epic-group">
      <header className="epic-head">
        <span className="epic-swatch" style={{ background: epic?.color ?? '#cbd5e1' }} />
        {epic ? <InlineTitle className="item-title" value={epic.title} canEdit={canEdit} onSave={onRenameEpic} /> : <span className="item-title grow">No epic</span>}
        <span className="muted" style={{ fontSize: 12 }}>{count(stories.length, 'story', 'stories')} · {points} pts</span>
      </header>
      <SortableContext id={groupId} items={stories.map((story) => story.id)} strategy={verticalListSortingStrategy}>
        <div ref={setNodeRef} style={{ minHeight: 8, background: isOver ? 'var(--accent-50)' : undefined }}>
          {stories.map((story) => (
            <BacklogStoryRow key={story.id} story={story} canEdit={canEdit} sprints={sprints} onRename={onRename} onSprint={onSprint} onOpen={onOpen} />
          ))}
          {stories.length === 0 && <div className="story-row muted">No stories in the backlog{epic ? ' for this epic' : ''}.</div>}
        </div>
      </SortableContext>
      {canEdit && <InlineCreate label="Add story" pending={creating} onCreate={onCreate} />}
    </section>
  );
}
