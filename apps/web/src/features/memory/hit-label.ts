import type { RouterOutputs } from '../../lib/router-types';
import { MEMORY_TYPE_LABELS, type MemoryType } from './memory-types';

export type SearchHit = RouterOutputs['memory']['search']['items'][number];

/** How a search hit is shown: what kind of source it came from, its title, and a detail line. */
export interface HitLabel {
  kind: string;
  /** Null for a memory: its text is all there is. */
  title: string | null;
  detail: string | null;
  /** For work items: the item's key (`DM-42`) and type, so the hit can open it. */
  item: { id: string; key: string; type: string } | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/**
 * The passage to show under a hit's title: an item's indexed text starts with its key and title
 * (`DM-6 Pay an invoice by card`), which the title already shows.
 */
export function hitSnippet(hit: Pick<SearchHit, 'content'>, label: Pick<HitLabel, 'title' | 'item'>): string {
  if (!label.item || !label.title || !hit.content.startsWith(label.title)) return hit.content;
  return hit.content.slice(label.title.length).trim();
}

/** Reads the chunk metadata each indexer writes (see packages/api memory and documents). */
export function hitLabel(hit: Pick<SearchHit, 'sourceType' | 'sourceId' | 'metadata'>): HitLabel {
  const meta = hit.metadata;
  switch (hit.sourceType) {
    case 'memory': {
      const tags = Array.isArray(meta.tags) ? meta.tags.filter((tag): tag is string => typeof tag === 'string') : [];
      return { kind: MEMORY_TYPE_LABELS[text(meta.type) as MemoryType] ?? 'Memory', title: null, detail: tags.length ? tags.map((tag) => `#${tag}`).join(' ') : null, item: null };
    }
    case 'item': {
      const type = text(meta.itemType) ?? 'item';
      const key = text(meta.key);
      const status = text(meta.status);
      return {
        kind: capitalized(type),
        title: [key, text(meta.title)].filter(Boolean).join(' ') || 'Work item',
        detail: status ? status.replace(/_/g, ' ') : null,
        item: key ? { id: hit.sourceId, key, type } : null,
      };
    }
    case 'document':
      return { kind: 'Document', title: text(meta.documentName) ?? 'Document', detail: null, item: null };
    default:
      return { kind: 'Chat', title: 'Chat message', detail: null, item: null };
  }
}
