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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `none` means "not set" (null); an id that is not one (a hand-edited URL) is ignored. */
function idFilter(value: string | null): string | null | undefined {
  if (value === NO_VALUE) return null;
  return value && UUID.test(value) ? value : undefined;
}

/** The filters as `board.get` takes them: the server filters, so every matching card can be paged in. */
export function boardFilterInput(filters: BoardFilters) {
  const q = filters.q.trim();
  return {
    assigneeId: idFilter(filters.assignee),
    epicId: idFilter(filters.epic),
    label: filters.label ? filters.label.slice(0, 50) : undefined,
    q: q || undefined,
  };
}
