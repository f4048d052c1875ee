import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from 'arctic';
import { parseEncryptionKey } from './token-crypto';

const AUTHORIZE_URL = 'https://github.com/login/oauth/authorize';
const TOKEN_URL = 'https://github.com/login/oauth/access_token';
const SCOPES = ['read:user', 'user:email'];

/** What sign-in needs to know about a GitHub user. */
export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  /** The primary verified address, or null if GitHub has none verified. */
  verifiedEmail: string | null;
}

export interface GitHubTokens {
  accessToken: string;
  scopes: string[];
}

/**
 * Everything that talks to github.com. The composition root builds the real one (arctic + fetch);
 * tests inject a fake here, the one boundary the test suite may not cross (no network).
 */
export interface GitHubOAuth {
  /** Key that encrypts stored GitHub tokens (from ENCRYPTION_KEY). */
  encryptionKey: Buffer;
  /** The authorize URL with state and an S256 PKCE challenge (GitHub supports PKCE). */
  authorizationUrl(state: string, codeVerifier: string): URL;
  exchangeCode(code: string, codeVerifier: string): Promise<GitHubTokens>;
  fetchUser(accessToken: string): Promise<GitHubUser>;
}

export function newOAuthState(): { state: string; codeVerifier: string } {
  return { state: generateState(), codeVerifier: generateCodeVerifier() };
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

async function githubGet<T>(fetchImpl: typeof fetch, path: string, accessToken: string): Promise<T> {
  const response = await fetchImpl(`https://api.github.com${path}`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'user-agent': 'devmentor' },
  });
  if (!response.ok) throw new Error(`GitHub ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The real client: arctic's OAuth2 client for the code flow, fetch for the user lookup. */
export function createGitHubOAuth(options: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  encryptionKey: string;
  fetch?: typeof fetch;
}): GitHubOAuth {
  const client = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);
  const fetchImpl = options.fetch ?? fetch;
  return {
    encryptionKey: parseEncryptionKey(options.encryptionKey),
    authorizationUrl: (state, codeVerifier) =>
      client.createAuthorizationURLWithPKCE(AUTHORIZE_URL, state, CodeChallengeMethod.S256, codeVerifier, SCOPES),
    async exchangeCode(code, codeVerifier) {
      const tokens = await client.validateAuthorizationCode(TOKEN_URL, code, codeVerifier);
      return { accessToken: tokens.accessToken(), scopes: tokens.hasScopes() ? tokens.scopes() : [] };
    },
    async fetchUser(accessToken) {
      const user = await githubGet<{ id: number; login: string; name: string | null; avatar_url: string | null }>(fetchImpl, '/user', accessToken);
      const emails = await githubGet<GitHubEmail[]>(fetchImpl, '/user/emails', accessToken);
      const primary = emails.find((email) => email.primary && email.verified) ?? emails.find((email) => email.verified);
      return { id: user.id, login: user.login, name: user.name, avatarUrl: user.avatar_url, verifiedEmail: primary?.email ?? null };
    },
  };
}
