/** Board filters as kept in the URL: `?assignee=<id|none>&epic=<id|none>&label=x&q=text`. */
export interface BoardFilters {
  assignee: string | null;
  epic: string | null;
  label: string | null;
  q: string;
}

export const NO_VALUE = 'none';

export function parseFilters(params: URLSearchParams): BoardFilters {
  const pick = (name: string) => {
    const value = params.get(name)?.trim();
    return value ? value.slice(0, 200) : null;
  };
  return { assignee: pick('assignee'), epic: pick('epic'), label: pick('label'), q: (params.get('q') ?? '').slice(0, 200) };
}

/** Writes the filters into a copy of `params`, dropping empty ones and keeping unrelated keys. */
export function writeFilters(params: URLSearchParams, filters: Partial<Record<string, string | null>>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}

export function hasFilters(filters: BoardFilters): boolean {
  return Boolean(filters.assignee || filters.epic || filters.label || filters.q.trim());
}

interface Filterable {
  title: string;
  key?: string;
  assigneeId?: string | null;
  epicId?: string | null;
  labels?: readonly string[] | null;
}

export function matchesFilters(item: Filterable, filters: BoardFilters): boolean {
  if (filters.assignee) {
    const assignee = item.assigneeId ?? null;
    if (filters.assignee === NO_VALUE ? assignee !== null : assignee !== filters.assignee) return false;
  }
  if (filters.epic) {
    const epic = item.epicId ?? null;
    if (filters.epic === NO_VALUE ? epic !== null : epic !== filters.epic) return false;
  }
  if (filters.label && !(item.labels ?? []).includes(filters.label)) return false;
  const q = filters.q.trim().toLowerCase();
  if (q && !item.title.toLowerCase().includes(q) && !(item.key ?? '').toLowerCase().includes(q)) return false;
  return true;
}
