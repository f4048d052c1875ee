import { ValidationError } from '../errors';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';

export const PASSWORD_MIN_LENGTH = 8;
/** Long enough for passphrases (ASVS asks for at least 64), short enough to stop hash-flooding. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * A PHC string of argon2id (same cost as real hashes) for a random secret nobody knows. Login with
 * an unknown email verifies against it, so it costs the same time as a wrong password.
 */
export const DUMMY_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$4LBLoNDb9l0SDCzRO7/DBQ$FHkj0aYZw4fSjMDRnVarQcI7xWN1hPziPbfBqC5MFmM';

let commonPasswords: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Length bounds (counted in code points) and the common-password list; also refuses the account's
 * own email or its local part. Throws BAD_REQUEST with `details.reason`.
 */
export function assertPasswordAcceptable(password: string, context: { email?: string } = {}): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) throw new ValidationError(`Password must have at least ${PASSWORD_MIN_LENGTH} characters`, { reason: 'too_short' });
  if (length > PASSWORD_MAX_LENGTH) throw new ValidationError(`Password must have at most ${PASSWORD_MAX_LENGTH} characters`, { reason: 'too_long' });
  const lowered = password.toLowerCase();
  const email = context.email?.toLowerCase();
  if (isCommonPassword(password) || (email && (lowered === email || lowered === email.split('@')[0]))) {
    throw new ValidationError('This password is too common or easy to guess; choose another', { reason: 'common' });
  }
}
