import { maskPii, type PiiPolicy } from '@devmentor/ai';
import { eq, projects } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';

/**
 * The project's PII setting, `settings.pii`: `false` turns masking off, an object switches
 * categories (`{ phone: false }`), anything else means every category is masked.
 */
export function piiPolicyOf(settings: Record<string, unknown>): PiiPolicy | false {
  const value = settings.pii;
  if (value === false) return false;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, enabled]) => typeof enabled === 'boolean')) as PiiPolicy;
  }
  return {};
}

export async function projectPiiPolicy(db: DbOrTx, projectId: string): Promise<PiiPolicy | false> {
  const [project] = await db.select({ settings: projects.settings }).from(projects).where(eq(projects.id, projectId));
  return piiPolicyOf(project?.settings ?? {});
}

/** Masks text with the project's policy; returns it unchanged where masking is off. */
export function maskWith(policy: PiiPolicy | false, text: string): { text: string; masked: number } {
  if (policy === false) return { text, masked: 0 };
  const result = maskPii(text, policy);
  return { text: result.text, masked: result.findings.length };
}
