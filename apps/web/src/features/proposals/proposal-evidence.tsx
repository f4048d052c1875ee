import { Link } from 'react-router';

interface Entity {
  type: string;
  id: string;
  key?: string;
}

export function evidenceEntities(evidence: unknown): { entities: Entity[]; memories: number } {
  const value = (evidence ?? {}) as { entities?: unknown; memoryIds?: unknown };
  const entities = Array.isArray(value.entities) ? value.entities.filter((entity): entity is Entity => Boolean(entity && typeof entity === 'object' && typeof entity.id === 'string' && typeof entity.type === 'string')) : [];
  return { entities, memories: Array.isArray(value.memoryIds) ? value.memoryIds.length : 0 };
}

/** The entities a proposal or insight rests on: stories open in the drawer, sprints and epics link to their pages. */
export function EntityLinks({ projectId, entities, names, onOpenItem }: { projectId: string; entities: Entity[]; names: ReadonlyMap<string, string>; onOpenItem: (id: string) => void }) {
  return (
    <span className="entity-links">
      {entities.map((entity) => {
        const name = entity.key ?? names.get(entity.id) ?? entity.type;
        if (entity.type === 'story') {
          return (
            <button key={`${entity.type}:${entity.id}`} type="button" className="chip chip-link" onClick={() => onOpenItem(entity.id)}>
              {name}
            </button>
          );
        }
        if (entity.type === 'sprint') {
          return (
            <Link key={`${entity.type}:${entity.id}`} className="chip chip-link" to={`/projects/${projectId}/sprints?sprint=${entity.id}`}>
              ◷ {name}
            </Link>
          );
        }
        if (entity.type === 'epic') {
          return (
            <Link key={`${entity.type}:${entity.id}`} className="chip chip-link" to={`/projects/${projectId}/backlog`}>
              {name}
            </Link>
          );
        }
        return (
          <span key={`${entity.type}:${entity.id}`} className="chip">
            {entity.type === 'user' ? '☺ ' : ''}
            {name}
          </span>
        );
      })}
    </span>
  );
}
