/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return '/projects';
  return value;
}
