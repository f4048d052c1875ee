/** How each agent is named in the UI (`proposals.agent`, agent progress events). */
export const AGENT_LABELS: Record<string, string> = {
  backlog: 'Backlog generator',
  sprint_planner: 'Sprint planner',
  analyst: 'Project analyst',
  chat: 'Project chat',
};

export function agentLabel(agent: unknown): string {
  return typeof agent === 'string' ? (AGENT_LABELS[agent] ?? agent) : 'AI agent';
}
