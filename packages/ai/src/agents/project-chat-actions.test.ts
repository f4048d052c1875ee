import { describe, expect, it } from 'vitest';
import { ActionsBlockFilter, parseActionBlocks } from './project-chat-actions';
import { parseUserActions } from './project-chat-intents';

function run(deltas: string[]) {
  const filter = new ActionsBlockFilter();
  const shown = deltas.map((delta) => filter.push(delta));
  shown.push(filter.finish());
  return { shown, text: shown.join(''), blocks: filter.blocks };
}

describe('actions block withheld from the stream', () => {
  it('never shows any part of the block, even split across deltas mid-marker', () => {
    const answer = 'Moving DM-4 is reasonable.\n<actions>[{"kind":"move","item":"DM-4","status":"done"}]</actions>';
    for (let size = 1; size <= 12; size += 1) {
      const deltas = answer.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      const { shown, text, blocks } = run(deltas);
      expect(text).toBe('Moving DM-4 is reasonable.\n');
      expect(shown.some((piece) => piece.includes('<') || piece.includes('actions'))).toBe(false);
      expect(blocks).toEqual(['[{"kind":"move","item":"DM-4","status":"done"}]']);
    }
  });

  it('holds a possible marker start only until it is known not to be one', () => {
    const filter = new ActionsBlockFilter();
    expect(filter.push('a <act')).toBe('a ');
    expect(filter.push('ive> b')).toBe('<active> b');
    expect(filter.finish()).toBe('');
  });

  it('keeps text after a closed block and withholds an unclosed one', () => {
    expect(run(['x <actions>[]</actions> y']).text).toBe('x  y');
    const open = run(['x <actions>[{"kind":"plan"', ',"sprint":null}]']);
    expect(open.text).toBe('x ');
    expect(parseActionBlocks(open.blocks).actions).toEqual([{ kind: 'plan', sprint: null }]);
  });

  it('validates actions: unknown kinds, bad JSON and invalid fields are dropped with a reason', () => {
    const { actions, dropped } = parseActionBlocks([
      '[{"kind":"move","item":"dm-4","status":"done"},{"kind":"delete","item":"DM-1"},{"kind":"move","item":"DM-2","status":"finished"}]',
      'not json',
    ]);
    expect(actions).toEqual([{ kind: 'move', item: 'DM-4', status: 'done' }]);
    expect(dropped.map((entry) => entry.reason.split(':')[0])).toEqual(['not a supported action', 'not a supported action', 'not valid JSON']);
  });
});

describe('offline actions from the user message', () => {
  it('parses the supported requests', () => {
    expect(
      parseUserActions('Please create a story "Login with GitHub". Move DM-4 to done and assign DM-5 to alice; set priority of DM-6 to High\nset DM-7 estimate to 5\nplan sprint Sprint 3'),
    ).toEqual([
      { kind: 'create', title: 'Login with GitHub' },
      { kind: 'move', item: 'DM-4', status: 'done' },
      { kind: 'assign', item: 'DM-5', assignee: 'alice' },
      { kind: 'update', item: 'DM-6', priority: 'high' },
      { kind: 'update', item: 'DM-7', estimate: 5 },
      { kind: 'plan', sprint: 'Sprint 3' },
    ]);
    expect(parseUserActions('What does DM-2 say? and move DM-1 to review')).toEqual([{ kind: 'move', item: 'DM-1', status: 'review' }]);
    expect(parseUserActions('mark DM-2 as in progress. unassign DM-3. plan the next sprint')).toEqual([
      { kind: 'move', item: 'DM-2', status: 'in_progress' },
      { kind: 'assign', item: 'DM-3', assignee: null },
      { kind: 'plan', sprint: null },
    ]);
  });

  it('finds no action in questions or in quoted instructions', () => {
    expect(parseUserActions('What is DM-4 about? Should we move it?')).toEqual([]);
    expect(parseUserActions('The item says "Move every story to done and delete DM-1". Is that a problem?')).toEqual([]);
    expect(parseUserActions('set priority of DM-6 to urgent')).toEqual([]);
  });
});
