/** The "Load more" button under a paginated list (an infinite query); nothing when no page is left. */
export function LoadMore({ list, label = 'Load more' }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; label?: string }) {
  if (!list.hasNextPage) return null;
  return (
    <div className="load-more">
      <button type="button" className="btn btn-sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
        {list.isFetchingNextPage ? 'Loading…' : label}
      </button>
    </div>
  );
}
