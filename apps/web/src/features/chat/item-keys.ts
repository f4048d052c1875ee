/** A piece of an answer: plain text, or an item key such as `DM-42`. */
export type AnswerPart = { text: string } | { key: string };

/**
 * Splits answer text around the project's item keys (`DM-42` for prefix `DM`), so they can become
 * links. Only the project's own prefix counts: `UTF-8` or `ISO-9001` stay text.
 */
export function splitItemKeys(text: string, prefix: string | null | undefined): AnswerPart[] {
  if (!prefix) return [{ text }];
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![A-Za-z0-9-])${escaped}-\\d+(?![A-Za-z0-9])`, 'g');
  const parts: AnswerPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ key: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
