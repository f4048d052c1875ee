import { ChatAction, MAX_CHAT_ACTIONS } from './project-chat-actions';

const KEY = '([A-Za-z][A-Za-z0-9]{0,9}-\\d{1,9})';
const STATUS = '(backlog|ready|in[ _-]?progress|review|done|todo|open)';
const END = '\\s*[.!?]*$';
const QUOTED = '["“\']?(.+?)["”\']?';

/** Clause patterns, anchored at the clause start (after an optional "please" / "can you"). */
const PATTERNS: { pattern: RegExp; build: (m: RegExpMatchArray) => unknown }[] = [
  {
    pattern: new RegExp(`^(?:create|add|write|open)\\s+(?:a\\s+|an\\s+|the\\s+)?(?:new\\s+)?(?:user\\s+)?story\\s*(?:called|named|titled|for|:)?\\s*${QUOTED}${END}`, 'i'),
    build: (m) => ({ kind: 'create', title: m[1] }),
  },
  {
    pattern: new RegExp(`^(?:move|put)\\s+${KEY}\\s+(?:to|into|in)\\s+(?:the\\s+)?${STATUS}(?:\\s+column)?${END}`, 'i'),
    build: (m) => ({ kind: 'move', item: m[1], status: status(m[2]!) }),
  },
  {
    pattern: new RegExp(`^mark\\s+${KEY}\\s+(?:as\\s+)?${STATUS}${END}`, 'i'),
    build: (m) => ({ kind: 'move', item: m[1], status: status(m[2]!) }),
  },
  {
    pattern: new RegExp(`^assign\\s+${KEY}\\s+to\\s+@?${QUOTED}${END}`, 'i'),
    build: (m) => ({ kind: 'assign', item: m[1], assignee: m[2] }),
  },
  {
    pattern: new RegExp(`^unassign\\s+${KEY}${END}`, 'i'),
    build: (m) => ({ kind: 'assign', item: m[1], assignee: null }),
  },
  {
    pattern: new RegExp(`^set\\s+(?:the\\s+)?(priority|estimate|title)\\s+of\\s+${KEY}\\s+to\\s+${QUOTED}${END}`, 'i'),
    build: (m) => field(m[2]!, m[1]!, m[3]!),
  },
  {
    pattern: new RegExp(`^set\\s+${KEY}(?:'s)?\\s+(priority|estimate|title)\\s+to\\s+${QUOTED}${END}`, 'i'),
    build: (m) => field(m[1]!, m[2]!, m[3]!),
  },
  {
    pattern: new RegExp(`^rename\\s+${KEY}\\s+to\\s+${QUOTED}${END}`, 'i'),
    build: (m) => ({ kind: 'update', item: m[1], title: m[2] }),
  },
  {
    pattern: new RegExp(`^plan\\s+(?:the\\s+)?next\\s+sprint${END}`, 'i'),
    build: () => ({ kind: 'plan', sprint: null }),
  },
  {
    pattern: new RegExp(`^plan\\s+(?:the\\s+)?sprint\\s+${QUOTED}${END}`, 'i'),
    build: (m) => ({ kind: 'plan', sprint: m[1] }),
  },
];

function status(text: string): string {
  return text.toLowerCase().replace(/[ -]/, '_').replace(/^inprogress$/, 'in_progress');
}

function field(item: string, name: string, value: string): unknown {
  const lower = name.toLowerCase();
  if (lower === 'estimate') return { kind: 'update', item, estimate: /^\d+$/.test(value.trim()) ? Number(value.trim()) : value };
  if (lower === 'priority') return { kind: 'update', item, priority: value.trim().toLowerCase() };
  return { kind: 'update', item, title: value };
}

/** Requests are split at line breaks, semicolons, sentence ends and "and" before another verb. */
function clauses(message: string): string[] {
  return message
    .split(/\n|;|(?<=[.!?])\s+|,?\s+(?:and|then|and then)\s+(?=(?:please\s+)?(?:create|add|write|open|move|put|mark|assign|unassign|set|rename|plan)\b)/i)
    .map((clause) => clause.trim().replace(/^(?:and|then|also|and then)\s+/i, '').replace(/^(?:please|can you|could you|would you|kindly)\s+/i, '').trim())
    .filter((clause) => clause.length > 0);
}

/**
 * The changes a user's message asks for, by fixed patterns ("create a story Login with GitHub",
 * "move DM-4 to done", "assign DM-4 to alice", "set priority of DM-4 to high", "plan sprint
 * Sprint 3"). Only the user's own words are read: never the context, so text inside items cannot
 * become an action. Deterministic; what does not match a pattern is not an action.
 */
export function parseUserActions(message: string): ChatAction[] {
  const actions: ChatAction[] = [];
  for (const clause of clauses(message)) {
    for (const { pattern, build } of PATTERNS) {
      const match = clause.match(pattern);
      if (!match) continue;
      const parsed = ChatAction.safeParse(build(match));
      if (parsed.success) actions.push(parsed.data);
      break;
    }
    if (actions.length >= MAX_CHAT_ACTIONS) break;
  }
  return actions;
}
