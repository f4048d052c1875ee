export * from './proposal-schema';
export * from './sprint-planner';
export * from './project-analyst';
export * from './spec-to-backlog';
export * from './project-chat';
export * from './project-chat-actions';
export * from './project-chat-answer';
export * from './project-chat-intents';
