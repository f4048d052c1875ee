export * from './proposal-schema';
export * from './sprint-planner';
export * from './project-analyst';
export * from './spec-to-backlog';
