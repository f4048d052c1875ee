const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "yesterday", or a date for older moments. */
export function timeAgo(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return formatDate(date);
}

/** `2026-12-08`: a day, with no time or zone. */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Dec 8, 2026". A calendar date such as a sprint's `2026-12-08` names that day everywhere, so it is
 * read as local midnight: `new Date('2026-12-08')` is UTC midnight, the 7th west of Greenwich.
 */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = typeof value !== 'string' ? value : new Date(CALENDAR_DATE.test(value) ? `${value}T00:00:00` : value);
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

/** "Nov 24, 2026, 6:22 PM" in the reader's time zone. */
export function formatDateTime(value: string | Date): string {
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function itemKey(prefix: string | undefined, number: number): string {
  return `${prefix ?? 'ITEM'}-${number}`;
}

const wholeNumber = new Intl.NumberFormat('en');

/** "1 story", "3 stories", "1,200 calls": the number and the noun that agrees with it. */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${wholeNumber.format(value)} ${value === 1 ? singular : plural}`;
}
