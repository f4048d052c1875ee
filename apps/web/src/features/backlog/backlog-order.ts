/** Where a story dropped in the backlog goes: its group, and same-status neighbours for its position. */
export interface BacklogDrop {
  groupId: string;
  afterId: string | undefined;
  beforeId: string | undefined;
}

interface Row {
  id: string;
  status: string;
}

/**
 * `groups` maps a group id to its rows in order. Dropping over a row takes that row's slot (after it
 * when moving down within a group); over a group appends. Neighbours with another status are left
 * out: positions are ordered per status column on the server.
 */
export function resolveBacklogDrop(groups: Map<string, Row[]>, activeId: string, overId: string): BacklogDrop | null {
  let fromGroup: string | null = null;
  for (const [groupId, rows] of groups) if (rows.some((row) => row.id === activeId)) fromGroup = groupId;
  if (!fromGroup) return null;
  const active = groups.get(fromGroup)?.find((row) => row.id === activeId);
  if (!active) return null;
  let toGroup: string | null = overId.startsWith('group:') ? overId.slice('group:'.length) : null;
  if (!toGroup) for (const [groupId, rows] of groups) if (rows.some((row) => row.id === overId)) toGroup = groupId;
  if (!toGroup || !groups.has(toGroup)) return null;
  const source = groups.get(toGroup) ?? [];
  const rest = source.filter((row) => row.id !== activeId);
  let index = rest.length;
  if (!overId.startsWith('group:')) {
    if (overId === activeId) return null;
    // The over row's index in the full list is, in the list without the dragged row, the slot
    // after it when moving down the same group and before it otherwise.
    index = source.findIndex((row) => row.id === overId);
  } else if (toGroup === fromGroup) {
    return null;
  }
  const after = rest[index - 1];
  const before = rest[index];
  return {
    groupId: toGroup,
    afterId: after && after.status === active.status ? after.id : undefined,
    beforeId: before && before.status === active.status ? before.id : undefined,
  };
}
