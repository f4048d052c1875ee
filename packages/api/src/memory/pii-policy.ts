import { maskPii, type PiiPolicy } from '@devmentor/ai';
import { eq, projects } from '@devmentor/db';
import { readProjectAiSettings } from '../ai-usage/project-ai-settings';
import type { DbOrTx } from '../events/project-events';

/** The project's PII policy (`settings.ai.pii`): `false` turns masking off; by default every category is masked. */
export async function projectPiiPolicy(db: DbOrTx, projectId: string): Promise<PiiPolicy | false> {
  const [project] = await db.select({ settings: projects.settings }).from(projects).where(eq(projects.id, projectId));
  return readProjectAiSettings(project?.settings).pii;
}

/** Masks text with the project's policy; returns it unchanged where masking is off. */
export function maskWith(policy: PiiPolicy | false, text: string): { text: string; masked: number } {
  if (policy === false) return { text, masked: 0 };
  const result = maskPii(text, policy);
  return { text: result.text, masked: result.findings.length };
}
