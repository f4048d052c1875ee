export * from './proposal-schema';
export * from './sprint-planner';
export * from './project-analyst';
