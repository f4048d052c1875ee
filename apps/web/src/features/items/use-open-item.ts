import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The story open in the item drawer, kept in the URL (`?item=<id>`) so a reload or a shared link
 * opens it again; other search parameters are left as they are.
 */
export function useOpenItem(): { itemId: string | null; openItem: (id: string) => void; closeItem: () => void } {
  const [params, setParams] = useSearchParams();
  const openItem = useCallback((id: string) => setParams((current) => withItem(current, id)), [setParams]);
  const closeItem = useCallback(() => setParams((current) => withItem(current, null)), [setParams]);
  return { itemId: params.get('item'), openItem, closeItem };
}

function withItem(current: URLSearchParams, id: string | null): URLSearchParams {
  const next = new URLSearchParams(current);
  if (id) next.set('item', id);
  else next.delete('item');
  return next;
}
