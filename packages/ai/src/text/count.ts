/** "1 story", "3 stories": the number and the noun that agrees with it (prompts, titles, offline answers). */
export function countOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${value} ${value === 1 ? singular : plural}`;
}
