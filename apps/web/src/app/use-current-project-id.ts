import { useMatch } from 'react-router';

/** The project in the URL (`/projects/:projectId/...`), if any. */
export function useCurrentProjectId(): string | null {
  const match = useMatch('/projects/:projectId/*');
  const id = match?.params.projectId;
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}
