import { useEffect, useState } from 'react';
import type { MemberView } from '../members/use-members';
import { hasFilters, NO_VALUE, type BoardFilters } from './filters';

interface Props {
  filters: BoardFilters;
  onChange: (filters: Partial<BoardFilters>) => void;
  members: MemberView[];
  epics: { id: string; title: string }[];
  labels: string[];
}

/** Assignee, epic, label and text filters; the page keeps them in the URL. */
export function BoardToolbar({ filters, onChange, members, epics, labels }: Props) {
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text === filters.q) return;
    const timer = window.setTimeout(() => onChange({ q: text }), 250);
    return () => window.clearTimeout(timer);
  }, [text, filters.q, onChange]);
  return (
    <div className="board-toolbar" role="search">
      <input className="input" type="search" placeholder="Search title or key…" aria-label="Search cards" value={text} onChange={(event) => setText(event.target.value)} data-testid="filter-q" />
      <select className="select" aria-label="Assignee" value={filters.assignee ?? ''} onChange={(event) => onChange({ assignee: event.target.value || null })} data-testid="filter-assignee">
        <option value="">All assignees</option>
        <option value={NO_VALUE}>Unassigned</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>{member.name}</option>
        ))}
      </select>
      <select className="select" aria-label="Epic" value={filters.epic ?? ''} onChange={(event) => onChange({ epic: event.target.value || null })} data-testid="filter-epic">
        <option value="">All epics</option>
        <option value={NO_VALUE}>No epic</option>
        {epics.map((epic) => (
          <option key={epic.id} value={epic.id}>{epic.title}</option>
        ))}
      </select>
      <select className="select" aria-label="Label" value={filters.label ?? ''} onChange={(event) => onChange({ label: event.target.value || null })} data-testid="filter-label">
        <option value="">All labels</option>
        {labels.map((label) => (
          <option key={label} value={label}>{label}</option>
        ))}
      </select>
      {hasFilters(filters) && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange({ assignee: null, epic: null, label: null, q: '' })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
