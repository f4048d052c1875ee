import type { RouterInputs } from '../../lib/router-types';

export type MemoryType = RouterInputs['memory']['store']['type'];

/** What people call each kind of memory, in the order the pickers offer them. */
export const MEMORY_TYPE_LABELS: Record<MemoryType, string> = {
  decision: 'Decision',
  fact: 'Fact',
  note: 'Note',
  lesson: 'Lesson',
  preference: 'Preference',
  context: 'Context',
};
