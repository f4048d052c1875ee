export * from './auth';
export * from './dependencies';
export * from './events';
export * from './projects';
export * from './sprints';
export * from './work-items';
