import { and, apiKeys, count, desc, eq, isNull, projectMembers, projects } from '@devmentor/db';
import { hashSecret, randomToken } from '../auth/session-token';
import { NotFoundError, ValidationError } from '../errors';
import { userChannel, type UserMessage } from '../live/user-channel';
import type { AuthedContext } from '../projects/service-context';
import type { CreateApiKeyInput } from './api-keys.schemas';

/** Every API key starts with this, so scanners and the auth resolver recognise one. */
export const API_KEY_PREFIX = 'dm_key_';
const MAX_ACTIVE_KEYS = 50;

export interface ApiKeyView {
  id: string;
  name: string;
  /** The non-secret start of the key, to recognise it in a list. */
  prefix: string;
  scopes: ('read' | 'write')[];
  projectId: string | null;
  projectName: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

const viewColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scopes: apiKeys.scopes,
  projectId: apiKeys.projectId,
  projectName: projects.name,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};

/**
 * A new key for the caller, shown once as `dm_key_<id>.<secret>` (80-bit id, 160-bit secret); only
 * the SHA-256 of the secret is stored. A project restriction needs membership of that project.
 */
export async function createApiKey({ ctx, input }: { ctx: AuthedContext; input: CreateApiKeyInput }): Promise<{ apiKey: ApiKeyView; token: string }> {
  const userId = ctx.auth.user.id;
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw new ValidationError('The expiry must lie in the future', { field: 'expiresAt' });
  let projectName: string | null = null;
  if (input.projectId) {
    const [project] = await ctx.db
      .select({ name: projects.name })
      .from(projects)
      .innerJoin(projectMembers, eq(projectMembers.projectId, projects.id))
      .where(and(eq(projects.id, input.projectId), eq(projectMembers.userId, userId)));
    if (!project) throw new NotFoundError('Project');
    projectName = project.name;
  }
  const [active] = await ctx.db
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_KEYS) throw new ValidationError(`At most ${MAX_ACTIVE_KEYS} active API keys; revoke one first`);

  const id = randomToken(10);
  const secret = randomToken(20);
  const [row] = await ctx.db
    .insert(apiKeys)
    .values({ id, userId, name: input.name, secretHash: hashSecret(secret), scopes: input.scopes, projectId: input.projectId ?? null, expiresAt })
    .returning();
  if (!row) throw new Error('api key insert returned nothing');
  const { secretHash: _hash, userId: _user, ...rest } = row;
  return { apiKey: { ...rest, prefix: `${API_KEY_PREFIX}${id}`, projectName }, token: `${API_KEY_PREFIX}${id}.${secret}` };
}

/** The caller's keys, newest first; the secret is never shown again. */
export async function listApiKeys({ ctx }: { ctx: AuthedContext }): Promise<{ items: ApiKeyView[] }> {
  const rows = await ctx.db
    .select(viewColumns)
    .from(apiKeys)
    .leftJoin(projects, eq(projects.id, apiKeys.projectId))
    .where(eq(apiKeys.userId, ctx.auth.user.id))
    .orderBy(desc(apiKeys.createdAt))
    .limit(200);
  return { items: rows.map((row) => ({ ...row, prefix: `${API_KEY_PREFIX}${row.id}` })) };
}

/** Revokes one of the caller's keys at once (another user's key is NOT_FOUND); revoking twice is a no-op. */
export async function revokeApiKey({ ctx, input }: { ctx: AuthedContext; input: { id: string } }): Promise<{ id: string }> {
  const [row] = await ctx.db
    .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, input.id), eq(apiKeys.userId, ctx.auth.user.id)));
  if (!row) throw new NotFoundError('API key');
  if (!row.revokedAt) {
    await ctx.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
    // Streams the key opened end at once, on every instance.
    const message: UserMessage = { kind: 'api_key_revoked', apiKeyId: row.id };
    await ctx.bus.publish(userChannel(ctx.auth.user.id), message);
  }
  return { id: row.id };
}
