import type { AnalystInput } from '../project-analyst';

/** Sample specs with the features a reader should find in them (for the coverage score). */
export const SAMPLE_SPECS: { name: string; text: string; features: string[] }[] = [
  {
    name: 'shop',
    features: ['pay by card', 'receipt mail', 'browse products by category', 'search products', 'wishlist', 'order history'],
    text: `# Shop
## Checkout
- Customer can pay by card
  - Card is charged once
  - Declined cards show a clear message
- Customer gets a receipt mail after paying by card
## Catalogue
- Browse products by category
- Search products by name
  - Results appear within a second
## Account
- Customer keeps a wishlist (nice to have)
- Customer sees the order history
`,
  },
  {
    name: 'team-chat',
    features: ['create channels', 'send messages', 'mention people', 'upload files', 'search messages'],
    text: `A chat tool for small teams. Users can create channels for topics. Members can send messages in a channel.
Users should be able to mention people with @name. Members need to upload files to a channel. Users can search messages by keyword.`,
  },
  {
    name: 'fleet',
    features: ['track vehicles on a map', 'maintenance reminders', 'driver assignments', 'fuel reports', 'export reports'],
    text: `# Fleet manager
## Tracking
1. Dispatcher can track vehicles on a map
   - Positions refresh every 30 seconds
## Maintenance
1. Maintenance reminders by mileage
   - Task: import service intervals
2. Driver assignments per vehicle, after track vehicles on a map
## Reporting
- Monthly fuel reports
- Export reports as CSV (optional)
`,
  },
];

const day = (offset: number) => new Date(Date.parse('2026-06-15T12:00:00Z') + offset * 86_400_000).toISOString();

/** Sample project snapshots for the analyst. */
export const SAMPLE_BOARDS: { name: string; input: AnalystInput }[] = [
  {
    name: 'troubled sprint',
    input: {
      now: day(0),
      completedSprints: [
        { id: 'p1', name: 'Sprint 1', completedPoints: 30 },
        { id: 'p2', name: 'Sprint 2', completedPoints: 28 },
        { id: 'p3', name: 'Sprint 3', completedPoints: 15 },
      ],
      activeSprint: { id: 'a', name: 'Sprint 4', endDate: day(-1).slice(0, 10), capacity: { u1: 5, u2: 8 }, pointsAtStart: 20, pointsAddedAfterStart: 8 },
      stories: [
        { id: 's1', key: 'DM-1', title: 'Login', status: 'in_progress', priority: 'high', estimate: 5, assigneeId: 'u1', sprintId: 'a', updatedAt: day(-9), blockedSince: null },
        { id: 's2', key: 'DM-2', title: 'Signup', status: 'ready', priority: 'critical', estimate: 3, assigneeId: 'u1', sprintId: 'a', updatedAt: day(-1), blockedSince: day(-6) },
        { id: 's3', key: 'DM-3', title: 'Billing', status: 'backlog', priority: 'critical', estimate: 8, assigneeId: null, sprintId: null, updatedAt: day(-2), blockedSince: null },
      ],
      memberNames: { u1: 'Ann', u2: 'Bob' },
    },
  },
  {
    name: 'healthy',
    input: {
      now: day(0),
      completedSprints: [
        { id: 'p1', name: 'Sprint 1', completedPoints: 20 },
        { id: 'p2', name: 'Sprint 2', completedPoints: 21 },
      ],
      activeSprint: { id: 'a', name: 'Sprint 3', endDate: day(7).slice(0, 10), capacity: { u1: 10 }, pointsAtStart: 10, pointsAddedAfterStart: 0 },
      stories: [{ id: 's1', key: 'DM-1', title: 'Reports', status: 'in_progress', priority: 'medium', estimate: 5, assigneeId: 'u1', sprintId: 'a', updatedAt: day(-1), blockedSince: null }],
      memberNames: { u1: 'Ann' },
    },
  },
];
