import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Avatar } from '../../ui/avatar';
import { STATUS_LABELS } from '../board/use-board';
import { InlineTitle } from './inline-title';

export interface BacklogStory {
  id: string;
  key: string;
  title: string;
  status: string;
  estimate: number | null;
  version: number;
  epicId: string | null;
  assignee: { id: string; name: string; avatarUrl: string | null } | undefined;
}

interface Props {
  story: BacklogStory;
  canEdit: boolean;
  sprints: { id: string; name: string }[];
  onRename: (story: BacklogStory, title: string) => void;
  onSprint: (story: BacklogStory, sprintId: string) => void;
  onOpen: (id: string) => void;
}

export function BacklogStoryRow({ story, canEdit, sprints, onRename, onSprint, onOpen }: Props) {
  const sortable = useSortable({ id: story.id, disabled: !canEdit, data: { epicId: story.epicId } });
  return (
    <div ref={sortable.setNodeRef} className="story-row" style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition, opacity: sortable.isDragging ? 0.4 : 1 }} data-testid="backlog-story">
      {canEdit && (
        <button type="button" className="drag-handle" aria-label={`Reorder ${story.key}`} {...sortable.attributes} {...sortable.listeners}>
          ⠿
        </button>
      )}
      <button type="button" className="item-key btn-ghost" style={{ border: 0, background: 'none', cursor: 'pointer' }} onClick={() => onOpen(story.id)}>
        {story.key}
      </button>
      <InlineTitle value={story.title} canEdit={canEdit} onSave={(title) => onRename(story, title)} />
      <span className="badge hide-mobile">{STATUS_LABELS[story.status] ?? story.status}</span>
      {story.estimate !== null && <span className="estimate">{story.estimate}</span>}
      <Avatar size="sm" name={story.assignee?.name} id={story.assignee?.id} src={story.assignee?.avatarUrl} />
      {canEdit && sprints.length > 0 && (
        <select className="select input-sm hide-mobile" style={{ width: 150 }} aria-label={`Move ${story.key} to a sprint`} value="" onChange={(event) => event.target.value && onSprint(story, event.target.value)}>
          <option value="">Move to sprint…</option>
          {sprints.map((sprint) => (
            <option key={sprint.id} value={sprint.id}>{sprint.name}</option>
          ))}
        </select>
      )}
    </div>
  );
}
