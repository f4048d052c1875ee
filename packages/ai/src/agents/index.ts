export * from './proposal-schema';
export * from './sprint-planner';
