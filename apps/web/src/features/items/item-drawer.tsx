import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { Drawer } from '../../ui/drawer';
import { ErrorState, Loading } from '../../ui/states';
import { ActivityList } from '../activity/activity-list';
import { useNames } from '../activity/use-names';
import { useEpics } from '../board/use-epics';
import { useMembers } from '../members/use-members';
import { AcceptanceCriteria } from './acceptance-criteria';
import { ItemDependencies } from './item-dependencies';
import { ItemFields, type StoryFieldValues } from './item-fields';
import { useSaveStory } from './use-save-story';

/** Everything about one story: fields, checklist, dependencies and its history. */
export function ItemDrawer({ projectId, itemId, canEdit, onClose }: { projectId: string; itemId: string; canEdit: boolean; onClose: () => void }) {
  const story = trpc.stories.get.useQuery({ projectId, id: itemId });
  const history = trpc.activity.list.useQuery({ projectId, entityType: 'story', entityId: itemId, limit: 30 });
  const members = useMembers(projectId);
  const epics = useEpics(projectId);
  const save = useSaveStory(projectId, itemId);
  const names = useNames(projectId);
  const data = story.data;

  const change = (patch: Partial<StoryFieldValues>) => {
    if (!data) return;
    const { status, epicId, ...fields } = patch;
    if (status !== undefined || epicId !== undefined) {
      save.move.mutate({ projectId, id: data.id, version: data.version, status, epicId });
    }
    if (Object.keys(fields).length > 0) save.update.mutate({ projectId, id: data.id, version: data.version, ...fields });
  };

  return (
    <Drawer label="Story details" onClose={onClose} title={data ? <span className="item-key" style={{ fontSize: 13 }}>{data.key}</span> : 'Story'}>
      {story.isLoading && <Loading />}
      {story.error && <ErrorState error={story.error} onRetry={() => void story.refetch()} />}
      {data && (
        <>
          <input
            key={`title-${data.version}`}
            className="input"
            style={{ fontSize: 18, fontWeight: 650, height: 44 }}
            aria-label="Title"
            defaultValue={data.title}
            disabled={!canEdit}
            maxLength={200}
            onBlur={(event) => event.target.value.trim() && event.target.value.trim() !== data.title && save.update.mutate({ projectId, id: data.id, version: data.version, title: event.target.value.trim() })}
          />
          <ItemFields key={`fields-${data.version}`} value={{ status: data.status, priority: data.priority, estimate: data.estimate, confidence: data.confidence, assigneeId: data.assigneeId, epicId: data.epicId, labels: data.labels }} members={members.members} epics={epics.epics} canEdit={canEdit} onChange={change} />
          <label className="field">
            <span>Description</span>
            <textarea
              key={`desc-${data.version}`}
              className="textarea"
              rows={5}
              defaultValue={data.description}
              disabled={!canEdit}
              placeholder="What needs to happen, and why?"
              onBlur={(event) => event.target.value !== data.description && save.update.mutate({ projectId, id: data.id, version: data.version, description: event.target.value })}
            />
          </label>
          <AcceptanceCriteria value={data.acceptanceCriteria} canEdit={canEdit} onChange={(acceptanceCriteria) => save.update.mutate({ projectId, id: data.id, version: data.version, acceptanceCriteria })} />
          <ItemDependencies projectId={projectId} itemId={data.id} canEdit={canEdit} />
          <section>
            <div className="section-title">History</div>
            {history.isLoading && <p className="muted">Loading…</p>}
            {history.error && <p className="form-error">{errorMessage(history.error)}</p>}
            {history.data && (history.data.items.length ? <ActivityList items={history.data.items} names={names} /> : <p className="muted">No changes recorded yet.</p>)}
          </section>
          {canEdit && (
            <div>
              <button
                type="button"
                className="btn btn-danger btn-sm"
                onClick={() => {
                  if (window.confirm(`Delete ${data.key}? It can be restored from the activity feed.`)) save.remove.mutate({ projectId, id: data.id, version: data.version }, { onSuccess: onClose });
                }}
              >
                Delete story
              </button>
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
