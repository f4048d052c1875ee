export * from './auth';
export * from './dependencies';
export * from './event-cursors';
export * from './events';
export * from './notifications';
export * from './projects';
export * from './sprints';
export * from './work-items';
