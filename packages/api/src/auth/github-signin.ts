import { eq, githubAccounts, users } from '@devmentor/db';
import { AppError, ConflictError } from '../errors';
import type { AppServices } from '../trpc/context';
import { newOAuthState, type GitHubOAuth } from './github-oauth';
import { secretMatches, hashSecret } from './session-token';
import { createSession, type CreatedSession } from './sessions.service';
import { encryptSecret } from './token-crypto';
import { findUserByEmail } from './users';

/** How long the state and PKCE verifier cookies live: the user has this long at GitHub. */
export const GITHUB_STATE_TTL_SECONDS = 600;

export function requireGitHub(services: Pick<AppServices, 'github'>): GitHubOAuth {
  if (!services.github) throw new AppError('PRECONDITION_FAILED', 'GitHub sign-in is not configured', { reason: 'github_not_configured' });
  return services.github;
}

/** Starts the authorization-code flow: the redirect URL, and the state and verifier to keep in cookies. */
export function startGitHubSignIn(services: Pick<AppServices, 'github'>) {
  const github = requireGitHub(services);
  const { state, codeVerifier } = newOAuthState();
  return { url: github.authorizationUrl(state, codeVerifier).toString(), state, codeVerifier };
}

export interface GitHubCallbackInput {
  code: string | null;
  /** `state` from the query string. */
  state: string | null;
  /** `state` and verifier from the cookies set at the start. */
  expectedState: string | null;
  codeVerifier: string | null;
  /** The signed-in user when the flow links GitHub to an existing account. */
  currentUserId: string | null;
  userAgent: string | null;
  ip: string | null;
}

export type GitHubSignInResult =
  | { outcome: 'signed_in' | 'created'; userId: string; session: CreatedSession }
  | { outcome: 'linked'; userId: string };

function stateMatches(state: string | null, expected: string | null): boolean {
  if (!state || !expected || state.length > 256) return false;
  return secretMatches(state, hashSecret(expected));
}

/**
 * Finishes the flow. A missing or wrong `state` (CSRF on the callback) is refused before GitHub is
 * contacted. Signed in: links this GitHub identity to the caller. Otherwise signs in the linked
 * account, or creates one on first sign-in. An address that already has a password account is not
 * linked silently (that would let whoever controls a GitHub email take the account): the user
 * signs in and links from settings instead.
 */
export async function completeGitHubSignIn(
  services: Pick<AppServices, 'github' | 'db'>,
  input: GitHubCallbackInput,
): Promise<GitHubSignInResult> {
  const github = requireGitHub(services);
  if (!stateMatches(input.state, input.expectedState) || !input.codeVerifier) {
    throw new AppError('BAD_REQUEST', 'The GitHub sign-in state does not match; start again', { reason: 'oauth_state' });
  }
  if (!input.code || input.code.length > 512) throw new AppError('BAD_REQUEST', 'GitHub did not return an authorization code');

  const tokens = await github.exchangeCode(input.code, input.codeVerifier);
  const profile = await github.fetchUser(tokens.accessToken);
  const sealed = encryptSecret(github.encryptionKey, tokens.accessToken);
  const link = { login: profile.login, accessTokenEncrypted: sealed, scopes: tokens.scopes.join(' ') };

  return services.db.transaction(async (tx): Promise<GitHubSignInResult> => {
    const [existing] = await tx.select().from(githubAccounts).where(eq(githubAccounts.githubId, profile.id));

    if (input.currentUserId) {
      if (existing && existing.userId !== input.currentUserId) throw new ConflictError('This GitHub account is linked to another user');
      const [mine] = await tx.select().from(githubAccounts).where(eq(githubAccounts.userId, input.currentUserId));
      if (mine && mine.githubId !== profile.id) throw new ConflictError('Your account is already linked to another GitHub account');
      await tx
        .insert(githubAccounts)
        .values({ githubId: profile.id, userId: input.currentUserId, ...link })
        .onConflictDoUpdate({ target: githubAccounts.githubId, set: link });
      return { outcome: 'linked', userId: input.currentUserId };
    }

    const meta = { userAgent: input.userAgent, ipAddress: input.ip };
    if (existing) {
      await tx.update(githubAccounts).set(link).where(eq(githubAccounts.githubId, profile.id));
      return { outcome: 'signed_in', userId: existing.userId, session: await createSession(tx, { userId: existing.userId, ...meta }) };
    }

    const email = (profile.verifiedEmail ?? `${profile.id}+${profile.login}@users.noreply.github.com`).toLowerCase();
    if (await findUserByEmail(tx, email)) {
      throw new ConflictError('An account with this email already exists: sign in with your password, then link GitHub in settings', {
        reason: 'email_in_use',
      });
    }
    const [user] = await tx
      .insert(users)
      .values({
        email,
        name: (profile.name ?? profile.login).slice(0, 100),
        avatarUrl: profile.avatarUrl,
        emailVerifiedAt: profile.verifiedEmail ? new Date() : null,
      })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned nothing');
    await tx.insert(githubAccounts).values({ githubId: profile.id, userId: user.id, ...link });
    return { outcome: 'created', userId: user.id, session: await createSession(tx, { userId: user.id, ...meta }) };
  });
}
