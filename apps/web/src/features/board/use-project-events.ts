import { useContext, useEffect, useRef } from 'react';
import { ProjectEventsContext, type LiveStatus, type ProjectEvent } from '../live/project-events-context';

export type { LiveStatus, ProjectEvent };

/**
 * Calls `onEvent` for each event of the project, from the one stream the project layout keeps open
 * (see `ProjectEventsProvider`); returns the stream's status.
 */
export function useProjectEvents(projectId: string, onEvent: (event: ProjectEvent) => void): LiveStatus {
  const hub = useContext(ProjectEventsContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const active = hub && hub.projectId === projectId ? hub : null;
  useEffect(() => active?.subscribe((event) => handler.current(event)), [active?.subscribe]);
  return active?.status ?? 'connecting';
}
