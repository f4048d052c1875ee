/** The parts of a proposed change that say which new items it makes and which it needs. */
export interface ChangeLinks {
  changeId: string;
  /** The client ref of the item this change creates. */
  ref?: string | undefined;
  /** Client refs of items this change names (created by other changes of the proposal). */
  needs: string[];
}

type Ref = { ref: string } | { id: string } | null | undefined;

const refOf = (item: Ref): string[] => (item && 'ref' in item ? [item.ref] : []);

/** What a payload change creates and needs, as `selectChanges` on the server sees it. */
export function linksOf(change: { changeId: string; kind: string; ref?: string; epic?: Ref; story?: Ref; source?: Ref; target?: Ref }): ChangeLinks {
  const needs = [...refOf(change.epic), ...refOf(change.story), ...refOf(change.source), ...refOf(change.target)];
  return { changeId: change.changeId, ref: change.ref, needs };
}

/**
 * Toggles one change and keeps the selection applicable: checking a change also checks the changes
 * that create what it needs; unchecking one also unchecks the changes that need what it creates.
 * Already applied changes count as available and are never selected.
 */
export function toggleChange(all: ChangeLinks[], selected: ReadonlySet<string>, applied: ReadonlySet<string>, changeId: string): Set<string> {
  const next = new Set(selected);
  const creator = new Map(all.flatMap((change) => (change.ref ? [[change.ref, change.changeId] as const] : [])));
  const byId = new Map(all.map((change) => [change.changeId, change]));
  if (!next.has(changeId)) {
    const stack = [changeId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (next.has(id) || applied.has(id)) continue;
      next.add(id);
      for (const ref of byId.get(id)?.needs ?? []) {
        const needed = creator.get(ref);
        if (needed) stack.push(needed);
      }
    }
    return next;
  }
  const stack = [changeId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (!next.delete(id)) continue;
    const ref = byId.get(id)?.ref;
    if (!ref) continue;
    for (const change of all) if (change.needs.includes(ref)) stack.push(change.changeId);
  }
  return next;
}
