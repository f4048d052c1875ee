import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** Random base32 string from `bytes` CSPRNG bytes (Web Crypto, present in Node 20). */
export function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Constant-time comparison of two hex hashes, so a timing side channel reveals nothing. */
export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = new TextEncoder().encode(hashSecret(secret));
  const expected = new TextEncoder().encode(expectedHash);
  return actual.length === expected.length && constantTimeEqual(actual, expected);
}

export interface ParsedToken {
  id: string;
  secret: string;
}

/** A token is `id.secret`: the id finds the row, the secret proves possession. */
export function parseToken(token: string, prefix = ''): ParsedToken | null {
  if (!token.startsWith(prefix) || token.length > 256) return null;
  const [id, secret, extra] = token.slice(prefix.length).split('.');
  if (!id || !secret || extra !== undefined) return null;
  return { id, secret };
}
