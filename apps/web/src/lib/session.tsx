import { createContext, useContext } from 'react';

/** Rebuilds the API client (new WebSocket, empty cache) after sign-in or sign-out. */
export const SessionResetContext = createContext<() => void>(() => undefined);

export function useResetSession(): () => void {
  return useContext(SessionResetContext);
}
