const KEY = 'dm_signed_in';

/**
 * Whether this browser signed in before. The session cookie is HttpOnly, so the app cannot see it;
 * this hint lets a signed-out visitor go straight to /login instead of first asking `auth.me` (and
 * getting a 401). It is only a hint: the server decides, and a 401 clears it.
 */
export const signedInHint = {
  get(): boolean {
    try {
      return window.localStorage.getItem(KEY) === '1';
    } catch {
      return true;
    }
  },
  set(): void {
    try {
      window.localStorage.setItem(KEY, '1');
    } catch {
      // storage unavailable: the app falls back to asking the server every time
    }
  },
  clear(): void {
    try {
      window.localStorage.removeItem(KEY);
    } catch {
      // as above
    }
  },
};
