export { aiRouter, aiUsageRouter } from './ai-usage.router';
export { projectAiCallOptions } from './call-options';
export { createAppAi } from './create-app-ai';
export { createDbAiAccounting, remoteUsage } from './db-accounting';
export { monthWindow, ProjectAiSettings, readProjectAiSettings, type ProjectAiConfig } from './project-ai-settings';
