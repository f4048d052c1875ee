import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from '../ui/states';
import { AppLayout } from './app-layout';
import { RequireAuth } from './require-auth';
import { RouteError } from './route-error';

function page(load: () => Promise<{ default: ComponentType }>) {
  const Component = lazy(load);
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  );
}

/** Every screen is its own chunk, loaded when its route is first visited. */
export const appRouter = createBrowserRouter([
  { path: '/login', element: page(() => import('../features/auth/login-page')), errorElement: <RouteError /> },
  { path: '/register', element: page(() => import('../features/auth/register-page')), errorElement: <RouteError /> },
  { path: '/reset-password', element: page(() => import('../features/auth/reset-password-page')), errorElement: <RouteError /> },
  { path: '/verify-email', element: page(() => import('../features/auth/verify-email-page')), errorElement: <RouteError /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      { path: '/invitations/:token', element: page(() => import('../features/projects/invitation-page')) },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/projects" replace /> },
          { path: '/projects', element: page(() => import('../features/projects/projects-page')) },
          // The overview (insights, pending proposals, AI status) is the project's home; the board is one click away.
          { path: '/projects/:projectId', element: <Navigate to="overview" replace /> },
          { path: '/projects/:projectId/overview', element: page(() => import('../features/overview/overview-page')) },
          { path: '/projects/:projectId/proposals/:proposalId?', element: page(() => import('../features/proposals/proposals-page')) },
          { path: '/projects/:projectId/chat/:threadId?', element: page(() => import('../features/chat/chat-page')) },
          { path: '/projects/:projectId/board', element: page(() => import('../features/board/board-page')) },
          { path: '/projects/:projectId/backlog', element: page(() => import('../features/backlog/backlog-page')) },
          { path: '/projects/:projectId/sprints', element: page(() => import('../features/sprints/sprints-page')) },
          { path: '/projects/:projectId/memory', element: page(() => import('../features/memory/memory-page')) },
          { path: '/projects/:projectId/activity', element: page(() => import('../features/activity/activity-page')) },
          { path: '/projects/:projectId/settings', element: page(() => import('../features/projects/project-settings-page')) },
          { path: '/notifications', element: page(() => import('../features/notifications/notifications-page')) },
          { path: '/settings', element: <Navigate to="/settings/profile" replace /> },
          { path: '/settings/profile', element: page(() => import('../features/account/profile-page')) },
          { path: '/settings/sessions', element: page(() => import('../features/account/sessions-page')) },
          { path: '/settings/api-keys', element: page(() => import('../features/account/api-keys-page')) },
          { path: '/dev/outbox', element: page(() => import('../features/dev/outbox-page')) },
          { path: '*', element: page(() => import('./not-found-page')) },
        ],
      },
    ],
  },
]);
