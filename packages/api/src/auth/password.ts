import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP ASVS 5.0 appendix C's minimum: m=19456 KiB, t=2, p=1.
 * The PHC string stores the parameters, so raising them later still verifies old hashes.
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
