import type { storyStatus } from '@devmentor/db';
import { and, eq, ilike, isNull, or, sql, stories, type SQL } from '@devmentor/db';
import { itemKey, parseItemKey } from '../work-items/kinds';
import type { BoardFilters } from './board.schemas';

export type StoryStatus = (typeof storyStatus.enumValues)[number];

/** A story as the board shows it; its assignee and epic are in the answer's `assignees` and `epics`. */
export interface BoardCard {
  id: string;
  key: string;
  title: string;
  status: StoryStatus;
  position: string;
  priority: 'low' | 'medium' | 'high' | 'critical';
  estimate: number | null;
  confidence: number | null;
  labels: string[];
  epicId: string | null;
  sprintId: string | null;
  assigneeId: string | null;
  version: number;
  tasks: { total: number; done: number };
  criteria: { total: number; done: number };
}

export interface BoardAssignee {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface BoardEpic {
  id: string;
  title: string;
  color: string;
}

/** One row of `cardsStatement`, as both drivers return it (integers cast to int4 in SQL). */
export interface CardRow {
  id: string;
  number: number;
  title: string;
  status: StoryStatus;
  position: string;
  priority: BoardCard['priority'];
  estimate: number | null;
  confidence: number | null;
  labels: string[];
  epic_id: string | null;
  sprint_id: string | null;
  assignee_id: string | null;
  version: number;
  assignee_name: string | null;
  assignee_avatar_url: string | null;
  epic_title: string | null;
  epic_color: string | null;
  task_total: number;
  task_done: number;
  criteria_total: number;
  criteria_done: number;
}

/** The live stories of a project that match the board's filters. */
export function storyFilters(projectId: string, filters: BoardFilters): SQL {
  const conditions: (SQL | undefined)[] = [eq(stories.projectId, projectId), isNull(stories.deletedAt)];
  if (filters.sprintId) conditions.push(eq(stories.sprintId, filters.sprintId));
  if (filters.assigneeId !== undefined) conditions.push(filters.assigneeId === null ? isNull(stories.assigneeId) : eq(stories.assigneeId, filters.assigneeId));
  if (filters.epicId !== undefined) conditions.push(filters.epicId === null ? isNull(stories.epicId) : eq(stories.epicId, filters.epicId));
  if (filters.label) conditions.push(sql`${stories.labels} @> array[${filters.label}]::text[]`);
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    // The key (`DM-42`) matches too, as on the board's search box.
    const key = parseItemKey(filters.q);
    const keyMatch = key
      ? and(eq(stories.number, key.number), sql`exists (select 1 from projects p where p.id = ${stories.projectId} and upper(p.key_prefix) = ${key.prefix})`)
      : undefined;
    conditions.push(keyMatch ? or(ilike(stories.title, pattern), keyMatch) : ilike(stories.title, pattern));
  }
  return and(...conditions)!;
}

/** The story columns a card needs, for the `cards` CTE the statement reads from. */
export const CARD_COLUMNS = sql`${stories.id}, ${stories.number}, ${stories.title}, ${stories.status}, ${stories.position}, ${stories.priority},
  ${stories.estimate}, ${stories.confidence}, ${stories.labels}, ${stories.epicId}, ${stories.sprintId}, ${stories.assigneeId},
  ${stories.version}, ${stories.acceptanceCriteria}`;

/**
 * Cards from `cards` (a CTE over `stories` with `CARD_COLUMNS`, kept to the rows `where` allows)
 * with their assignee, epic (unless deleted), live task counts and acceptance criteria counts, in
 * board order. Counted per card through the story index, so a page costs the same in a big project.
 */
export function cardsStatement({ cards, where, limit, extraColumns }: { cards: SQL; where: SQL; limit?: number; extraColumns?: SQL }): SQL {
  return sql`with cards as (${cards})
    select ${extraColumns ?? sql``} c.id, c.number, c.title, c.status, c.position, c.priority, c.estimate, c.confidence, c.labels,
      c.epic_id, c.sprint_id, c.assignee_id, c.version,
      u.name as assignee_name, u.avatar_url as assignee_avatar_url, e.title as epic_title, e.color as epic_color,
      (select count(*)::int from tasks t where t.story_id = c.id and t.deleted_at is null) as task_total,
      (select count(*)::int from tasks t where t.story_id = c.id and t.deleted_at is null and t.status = 'done') as task_done,
      jsonb_array_length(c.acceptance_criteria) as criteria_total,
      (select count(*)::int from jsonb_array_elements(c.acceptance_criteria) as criterion where criterion->>'done' = 'true') as criteria_done
    from cards c
    left join users u on u.id = c.assignee_id
    left join epics e on e.id = c.epic_id and e.deleted_at is null
    where ${where}
    order by c.position, c.id
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`;
}

/** Cards of the rows, and once each the assignees and epics they name. */
export function toCards(keyPrefix: string, rows: readonly CardRow[]) {
  const cards: BoardCard[] = [];
  const assignees = new Map<string, BoardAssignee>();
  const epics = new Map<string, BoardEpic>();
  for (const row of rows) {
    if (row.assignee_id && row.assignee_name !== null && !assignees.has(row.assignee_id)) {
      assignees.set(row.assignee_id, { id: row.assignee_id, name: row.assignee_name, avatarUrl: row.assignee_avatar_url });
    }
    if (row.epic_id && row.epic_title !== null && !epics.has(row.epic_id)) {
      epics.set(row.epic_id, { id: row.epic_id, title: row.epic_title, color: row.epic_color! });
    }
    cards.push({
      id: row.id,
      key: itemKey(keyPrefix, row.number),
      title: row.title,
      status: row.status,
      position: row.position,
      priority: row.priority,
      estimate: row.estimate,
      confidence: row.confidence,
      labels: row.labels,
      epicId: row.epic_id,
      sprintId: row.sprint_id,
      assigneeId: row.assignee_id,
      version: row.version,
      tasks: { total: row.task_total, done: row.task_done },
      criteria: { total: row.criteria_total, done: row.criteria_done },
    });
  }
  return { cards, assignees: [...assignees.values()], epics: [...epics.values()] };
}
