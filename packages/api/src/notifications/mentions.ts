export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

/** Fields whose text may mention someone, in an item's diff or a comment's. */
const TEXT_FIELDS = ['title', 'description', 'body', 'comment', 'text'] as const;

/** Text before and after the change for each text field of a diff (`{from,to}` or a created row's value). */
export function textChanges(diff: Record<string, unknown>): { before: string; after: string }[] {
  const changes: { before: string; after: string }[] = [];
  for (const field of TEXT_FIELDS) {
    const value = diff[field];
    if (typeof value === 'string') changes.push({ before: '', after: value });
    else if (value && typeof value === 'object' && 'to' in value && typeof value.to === 'string') {
      const from = (value as { from?: unknown }).from;
      changes.push({ before: typeof from === 'string' ? from : '', after: value.to });
    }
  }
  return changes;
}

function mentions(text: string, person: Mentionable): boolean {
  const lower = text.toLowerCase();
  for (const handle of [person.email, person.name]) {
    const token = `@${handle.toLowerCase()}`;
    let at = lower.indexOf(token);
    while (at !== -1) {
      // `@Ann` must not match `@Anna`: the mention ends at a non-word character or the end.
      const next = lower.charAt(at + token.length);
      const before = at === 0 ? ' ' : lower.charAt(at - 1);
      if (!/[\p{L}\p{N}_]/u.test(next) && !/[\p{L}\p{N}_.]/u.test(before)) return true;
      at = lower.indexOf(token, at + 1);
    }
  }
  return false;
}

/** Whether the new text of a diff has an `@` at all: without one, nobody can be newly mentioned. */
export function mayMentionSomeone(diff: Record<string, unknown>): boolean {
  return textChanges(diff).some(({ after }) => after.includes('@'));
}

/** People mentioned (`@name` or `@email`) in the new text who were not already mentioned before. */
export function newlyMentioned(diff: Record<string, unknown>, people: Mentionable[]): Mentionable[] {
  const changes = textChanges(diff);
  return people.filter((person) => changes.some(({ before, after }) => mentions(after, person) && !mentions(before, person)));
}

/** A short excerpt of the changed text, for the notification body. */
export function excerpt(diff: Record<string, unknown>, length = 200): string {
  const text = textChanges(diff).map((change) => change.after).find((value) => value.includes('@')) ?? '';
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
