import { describe, expect, it } from 'vitest';
import { analyzeProject, type AnalystInput, type AnalystStory } from './project-analyst';

const story = (overrides: Partial<AnalystStory>): AnalystStory => ({
  id: 's1',
  key: 'DM-1',
  title: 'Story',
  status: 'ready',
  priority: 'medium',
  estimate: 3,
  assigneeId: 'u1',
  sprintId: null,
  updatedAt: '2026-11-20T00:00:00Z',
  blockedSince: null,
  ...overrides,
});

const base: AnalystInput = { now: '2026-11-24T12:00:00Z', completedSprints: [], activeSprint: null, stories: [], memberNames: { u1: 'Ann' } };

describe('project analyst rules', () => {
  it('finds each risk with linked evidence, deterministically', () => {
    const input: AnalystInput = {
      ...base,
      completedSprints: [
        { id: 'p1', name: 'Sprint 1', completedPoints: 20 },
        { id: 'p2', name: 'Sprint 2', completedPoints: 22 },
        { id: 'p3', name: 'Sprint 3', completedPoints: 10 },
      ],
      activeSprint: { id: 'a', name: 'Sprint 4', endDate: '2026-11-20', capacity: { u1: 4 }, pointsAtStart: 10, pointsAddedAfterStart: 5 },
      stories: [
        story({ id: 'b', key: 'DM-2', blockedSince: '2026-11-19T00:00:00Z', priority: 'critical', sprintId: 'a' }),
        story({ id: 'st', key: 'DM-3', status: 'in_progress', updatedAt: '2026-11-10T00:00:00Z', sprintId: 'a' }),
        story({ id: 'u', key: 'DM-4', priority: 'high', assigneeId: null }),
      ],
    };
    const insights = analyzeProject(input);
    expect(insights.map((insight) => [insight.type, insight.severity])).toEqual([
      ['velocity_trend', 'warning'],
      ['blocked', 'critical'],
      ['stale', 'warning'],
      ['unassigned_priority', 'info'],
      ['scope_creep', 'critical'],
      ['overdue_sprint', 'critical'],
      ['overloaded', 'warning'],
    ]);
    expect(insights.every((insight) => insight.entities.length > 0)).toBe(true);
    expect(analyzeProject(structuredClone(input))).toEqual(insights);
  });

  it('stays quiet on a healthy project', () => {
    expect(
      analyzeProject({
        ...base,
        completedSprints: [
          { id: 'p1', name: 'Sprint 1', completedPoints: 20 },
          { id: 'p2', name: 'Sprint 2', completedPoints: 19 },
        ],
        activeSprint: { id: 'a', name: 'Sprint 3', endDate: '2026-12-01', capacity: { u1: 10 }, pointsAtStart: 10, pointsAddedAfterStart: 0 },
        stories: [story({ sprintId: 'a', blockedSince: '2026-11-23T00:00:00Z' })],
      }),
    ).toEqual([]);
  });
});
