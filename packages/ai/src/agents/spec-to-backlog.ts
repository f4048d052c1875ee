import { z } from 'zod';
import type { ProposalChange } from './proposal-schema';

export const BacklogDraft = z.object({
  epics: z
    .array(
      z.object({
        ref: z.string().min(1).max(64),
        title: z.string().min(1).max(200),
        description: z.string().max(5000),
        stories: z
          .array(
            z.object({
              ref: z.string().min(1).max(64),
              title: z.string().min(1).max(200),
              description: z.string().max(5000),
              acceptanceCriteria: z.array(z.string().min(1).max(1000)).max(30),
              priority: z.enum(['low', 'medium', 'high', 'critical']),
              estimate: z.number().int().min(0).max(100),
              confidence: z.number().int().min(0).max(100),
              tasks: z.array(z.object({ title: z.string().min(1).max(200), estimate: z.number().int().min(0).max(100) })).max(30),
              /** Refs of the stories this one needs first. */
              dependsOn: z.array(z.string().max(64)).max(20),
            }),
          )
          .max(100),
      }),
    )
    .max(50),
});
export type BacklogDraft = z.infer<typeof BacklogDraft>;

const FIBONACCI = [1, 2, 3, 5, 8, 13];
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const clean = (line: string) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/^\[[ xX]\]\s*/, '').replace(/\*\*|__|`/g, '').trim();

/** Words of a title, lowercased, without punctuation and very short words: for similarity. */
export function titleTokens(title: string): Set<string> {
  return new Set(title.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((word) => word.length > 2));
}

/** Jaccard similarity of the title words (1 = same words). */
export function titleSimilarity(a: string, b: string): number {
  const x = titleTokens(a);
  const y = titleTokens(b);
  if (x.size === 0 || y.size === 0) return a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared / (x.size + y.size - shared);
}

function estimateOf(title: string, criteria: number, tasks: number): { estimate: number; confidence: number } {
  const size = titleTokens(title).size + criteria * 2 + tasks * 2;
  const index = Math.min(FIBONACCI.length - 1, Math.floor(size / 3));
  // Offline estimates are rough: more detail (criteria) makes them a little surer.
  return { estimate: FIBONACCI[index]!, confidence: Math.min(70, 30 + criteria * 10) };
}

function priorityOf(text: string): 'low' | 'medium' | 'high' | 'critical' {
  const lower = text.toLowerCase();
  if (/\b(critical|blocker|security|must-have)\b/.test(lower)) return 'critical';
  if (/\b(must|important|core|mvp)\b/.test(lower)) return 'high';
  if (/\b(nice to have|later|optional|could)\b/.test(lower)) return 'low';
  return 'medium';
}

/**
 * The offline reading of a spec: headings become epics, top-level bullets (or sentences of a plain
 * paragraph) become stories, nested bullets their acceptance criteria, `Task:` lines and checkboxes
 * their tasks, and "after / depends on / requires <other story>" a dependency. Deterministic.
 */
export function parseSpec(idea: string): BacklogDraft {
  const lines = idea.replace(/\r\n?/g, '\n').split('\n');
  const headings = lines.filter((line) => /^#{1,3}\s+\S/.test(line));
  const h1 = headings.filter((line) => /^#\s/.test(line)).length;
  // One H1 is the document title; epics are the next level down.
  const epicLevel = h1 === 1 && headings.some((line) => /^##\s/.test(line)) ? 2 : 1;
  type Epic = BacklogDraft['epics'][number];
  type Story = Epic['stories'][number];
  const epics: Epic[] = [];
  let epic: Epic | null = null;
  let story: Story | null = null;
  let text: string[] = [];
  const ensureEpic = () => {
    if (!epic) {
      epic = { ref: `e${epics.length + 1}`, title: 'Product backlog', description: '', stories: [] };
      epics.push(epic);
    }
    return epic;
  };
  const addStory = (title: string) => {
    const owner = ensureEpic();
    story = { ref: `s${epics.reduce((n, e) => n + e.stories.length, 0) + 1}`, title: clip(title, 200), description: '', acceptanceCriteria: [], priority: priorityOf(title), estimate: 0, confidence: 0, tasks: [], dependsOn: [] };
    owner.stories.push(story);
  };
  const flushText = () => {
    const paragraph = text.join(' ').trim();
    text = [];
    if (!paragraph) return;
    if (epic && epic.stories.length === 0 && !epic.description) epic.description = clip(paragraph, 5000);
    for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) if (/\b(user|can|should|must|allow|able|support|need)\b/i.test(sentence)) addStory(sentence.replace(/[.!?]$/, ''));
  };
  for (const raw of lines) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (heading) {
      flushText();
      if (heading[1]!.length === epicLevel || (heading[1]!.length < epicLevel && epics.length > 0)) {
        epic = { ref: `e${epics.length + 1}`, title: clip(clean(heading[2]!), 200), description: '', stories: [] };
        epics.push(epic);
        story = null;
      } else if (heading[1]!.length > epicLevel) addStory(clean(heading[2]!));
      continue;
    }
    const bullet = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/.exec(raw);
    if (bullet) {
      flushText();
      const body = clean(raw);
      if (!body) continue;
      const nested = bullet[1]!.length >= 2;
      const current = story as Story | null;
      if (nested && current) {
        const task = /^(?:task:\s*)(.+)$/i.exec(body) ?? (/^\s*(?:[-*+])\s+\[[ xX]\]/.test(raw) ? [body, body] : null);
        if (task) current.tasks.push({ title: clip(task[1]!.trim(), 200), estimate: 1 });
        else current.acceptanceCriteria.push(clip(body, 1000));
      } else addStory(body);
      continue;
    }
    if (raw.trim() === '') flushText();
    else text.push(raw.trim());
  }
  flushText();

  const all = epics.flatMap((e) => e.stories);
  for (const item of all) {
    const sized = estimateOf(item.title, item.acceptanceCriteria.length, item.tasks.length);
    item.estimate = sized.estimate;
    item.confidence = sized.confidence;
    const mention = /\b(?:after|depends on|requires|once)\s+(.+)$/i.exec([item.title, ...item.acceptanceCriteria].join(' '));
    if (!mention) continue;
    let best: { ref: string; score: number } | null = null;
    for (const other of all) {
      if (other === item) continue;
      const score = titleSimilarity(mention[1]!, other.title);
      if (score >= 0.34 && (!best || score > best.score)) best = { ref: other.ref, score };
    }
    if (best) item.dependsOn.push(best.ref);
  }
  return BacklogDraft.parse({ epics: epics.filter((e) => e.stories.length > 0 || e.description) });
}

export interface ExistingItem {
  id: string;
  type: 'epic' | 'story';
  key: string;
  title: string;
}
export interface SkippedDuplicate {
  title: string;
  type: 'epic' | 'story';
  existing: { id: string; key: string; title: string };
  similarity: number;
}

/**
 * Turns a draft into proposal changes, leaving out what the project already has: an epic or story
 * whose title is close to an existing one (similarity >= `threshold`; >= `relatedThreshold` for the
 * items memory search returned for the draft) is skipped and reported; its stories attach to the
 * existing epic instead.
 */
export function draftToChanges(
  draft: BacklogDraft,
  existing: ExistingItem[],
  options: { threshold?: number; relatedIds?: ReadonlySet<string>; relatedThreshold?: number } = {},
): { changes: ProposalChange[]; skipped: SkippedDuplicate[] } {
  const threshold = options.threshold ?? 0.8;
  // Items that memory search already found close to a draft title need less title overlap.
  const thresholdOf = (item: ExistingItem) => (options.relatedIds?.has(item.id) ? (options.relatedThreshold ?? 0.5) : threshold);
  const changes: ProposalChange[] = [];
  const skipped: SkippedDuplicate[] = [];
  const refTarget = new Map<string, { id: string } | { ref: string }>();
  const match = (type: 'epic' | 'story', title: string) => {
    let best: { item: ExistingItem; score: number } | null = null;
    for (const item of existing) {
      if (item.type !== type) continue;
      const score = titleSimilarity(title, item.title);
      if (score >= thresholdOf(item) && (!best || score > best.score)) best = { item, score };
    }
    return best;
  };
  let n = 0;
  const id = () => `c${++n}`;
  for (const epic of draft.epics) {
    const dup = match('epic', epic.title);
    if (dup) {
      skipped.push({ title: epic.title, type: 'epic', existing: { id: dup.item.id, key: dup.item.key, title: dup.item.title }, similarity: round(dup.score) });
      refTarget.set(epic.ref, { id: dup.item.id });
    } else {
      changes.push({ changeId: id(), kind: 'create_epic', ref: epic.ref, title: epic.title, ...(epic.description ? { description: epic.description } : {}) });
      refTarget.set(epic.ref, { ref: epic.ref });
    }
    for (const story of epic.stories) {
      const same = match('story', story.title);
      if (same) {
        skipped.push({ title: story.title, type: 'story', existing: { id: same.item.id, key: same.item.key, title: same.item.title }, similarity: round(same.score) });
        refTarget.set(story.ref, { id: same.item.id });
        continue;
      }
      refTarget.set(story.ref, { ref: story.ref });
      changes.push({
        changeId: id(),
        kind: 'create_story',
        ref: story.ref,
        title: story.title,
        ...(story.description ? { description: story.description } : {}),
        epic: refTarget.get(epic.ref)!,
        priority: story.priority,
        estimate: story.estimate,
        confidence: story.confidence,
        acceptanceCriteria: story.acceptanceCriteria,
      });
      story.tasks.forEach((task, i) => changes.push({ changeId: id(), kind: 'create_task', ref: `${story.ref}-t${i + 1}`, title: task.title, story: { ref: story.ref }, estimate: task.estimate }));
    }
  }
  for (const story of draft.epics.flatMap((epic) => epic.stories)) {
    const source = refTarget.get(story.ref);
    if (!source || 'id' in source) continue;
    for (const dep of story.dependsOn) {
      const target = refTarget.get(dep);
      if (target && dep !== story.ref) changes.push({ changeId: id(), kind: 'create_dependency', source, target, type: 'requires' });
    }
  }
  return { changes, skipped };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
