/** A card on the board, the subset of a story the board needs. */
export interface BoardCard {
  id: string;
  key: string;
  title: string;
  status: string;
  version: number;
  estimate: number | null;
  assigneeId: string | null;
  epicId: string | null;
  labels: string[];
  priority?: string;
  epic?: { title: string; color: string } | null;
  assignee?: { id: string; name: string; avatarUrl: string | null } | null;
}

export interface BoardColumn {
  status: string;
  items: BoardCard[];
}

/** What the server knows of a whole column, however many of its cards were sent. */
export interface ColumnInfo {
  count: number;
  points: number;
  hasMore: boolean;
}

const points = (items: readonly BoardCard[]) => items.reduce((sum, item) => sum + (item.estimate ?? 0), 0);

/**
 * Each column's count and points as shown: the server's whole-column figures, moved by the
 * unconfirmed moves (the cards `shown` holds beyond or short of what the server `sent`).
 */
export function shownColumnInfo(shown: readonly BoardColumn[], sent: readonly BoardColumn[], info: ReadonlyMap<string, ColumnInfo>): Map<string, ColumnInfo> {
  return new Map(
    shown.map((column) => {
      const server = sent.find((candidate) => candidate.status === column.status)?.items ?? [];
      const whole = info.get(column.status) ?? { count: 0, points: 0, hasMore: false };
      return [column.status, { count: whole.count + column.items.length - server.length, points: whole.points + points(column.items) - points(server), hasMore: whole.hasMore }];
    }),
  );
}

/** A drop as the user sees it: into `toStatus` at `toIndex` of the visible cards. */
export interface PendingMove {
  id: string;
  toStatus: string;
  toIndex: number;
}

/**
 * A move the server has not confirmed yet, anchored to the card it goes before (null: the end),
 * so it applies the same to the filtered view and to the full board.
 */
export interface AnchoredMove {
  id: string;
  toStatus: string;
  beforeId: string | null;
}

/** Applies one move: takes the card out of its column and inserts it at `toIndex` of the target. */
export function applyMove(columns: BoardColumn[], move: PendingMove): BoardColumn[] {
  let card: BoardCard | undefined;
  const without = columns.map((column) => {
    const index = column.items.findIndex((item) => item.id === move.id);
    if (index === -1) return column;
    card = column.items[index];
    return { ...column, items: column.items.filter((item) => item.id !== move.id) };
  });
  if (!card) return columns;
  const moved = { ...card, status: move.toStatus };
  return without.map((column) => {
    if (column.status !== move.toStatus) return column;
    const items = [...column.items];
    items.splice(Math.max(0, Math.min(move.toIndex, items.length)), 0, moved);
    return { ...column, items };
  });
}

/** Applies an anchored move: before `beforeId` when that card is in the target column, else at its end. */
export function applyAnchoredMove(columns: BoardColumn[], move: AnchoredMove): BoardColumn[] {
  const target = columns.find((column) => column.status === move.toStatus);
  if (!target) return columns;
  const rest = target.items.filter((item) => item.id !== move.id);
  const anchor = move.beforeId ? rest.findIndex((item) => item.id === move.beforeId) : -1;
  return applyMove(columns, { id: move.id, toStatus: move.toStatus, toIndex: anchor === -1 ? rest.length : anchor });
}

/** Server state with the unconfirmed moves on top, in the order they were made. */
export function applyPendingMoves(columns: BoardColumn[], pending: readonly AnchoredMove[]): BoardColumn[] {
  return pending.reduce(applyAnchoredMove, columns);
}

/** Turns a drop on the visible board into an anchored move plus the neighbours the server needs. */
export function anchorDrop(visible: BoardColumn[], drop: PendingMove): AnchoredMove & { afterId: string | null } {
  const after = applyMove(visible, drop);
  const { beforeId, afterId } = neighbours(after, drop.id);
  return { id: drop.id, toStatus: drop.toStatus, beforeId, afterId };
}

/**
 * Where a dragged card lands: over a card means that card's slot (after it when moving down the
 * same column), over a column means its end. Returns null when nothing would change.
 */
export function resolveDrop(columns: BoardColumn[], activeId: string, overId: string): PendingMove | null {
  const from = columns.find((column) => column.items.some((item) => item.id === activeId));
  if (!from) return null;
  const fromIndex = from.items.findIndex((item) => item.id === activeId);
  const overColumn = columns.find((column) => `column:${column.status}` === overId);
  if (overColumn) {
    if (overColumn.status === from.status) return null;
    return { id: activeId, toStatus: overColumn.status, toIndex: overColumn.items.length };
  }
  const target = columns.find((column) => column.items.some((item) => item.id === overId));
  if (!target) return null;
  const overIndex = target.items.findIndex((item) => item.id === overId);
  if (target.status === from.status) {
    if (overIndex === fromIndex) return null;
    // arrayMove semantics: the card takes the slot of the card it is over
    return { id: activeId, toStatus: target.status, toIndex: overIndex };
  }
  return { id: activeId, toStatus: target.status, toIndex: overIndex };
}

/** The neighbours of a card after a move, which the server turns into a fractional position. */
export function neighbours(columns: BoardColumn[], id: string): { beforeId: string | null; afterId: string | null } {
  for (const column of columns) {
    const index = column.items.findIndex((item) => item.id === id);
    if (index === -1) continue;
    return { afterId: column.items[index - 1]?.id ?? null, beforeId: column.items[index + 1]?.id ?? null };
  }
  return { beforeId: null, afterId: null };
}
