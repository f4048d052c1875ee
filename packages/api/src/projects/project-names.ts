import { and, eq, like, or, projects } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';

export const KEY_PREFIX_PATTERN = /^[A-Z]{2,6}$/;

function asciiWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean);
}

/**
 * A key prefix from a project name: the initials of its words (`DevMentor` -> `DM`, `Mobile App
 * Redesign` -> `MAR`), or the first three letters of a single word, 2-6 uppercase letters in all.
 */
export function deriveKeyPrefix(name: string): string {
  const words = asciiWords(name);
  const candidate = words.length >= 2 ? words.map((word) => word[0]).join('') : (words[0] ?? '').slice(0, 3);
  const prefix = candidate.toUpperCase().slice(0, 6);
  return KEY_PREFIX_PATTERN.test(prefix) ? prefix : 'PRJ';
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'project';
}

/** `base`, or `base-2`, `base-3`, … : the first slug this owner does not use yet. */
export async function uniqueSlug(tx: DbOrTx, ownerId: string, base: string): Promise<string> {
  const taken = await tx
    .select({ slug: projects.slug })
    .from(projects)
    .where(and(eq(projects.ownerId, ownerId), or(eq(projects.slug, base), like(projects.slug, `${base}-%`))));
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
