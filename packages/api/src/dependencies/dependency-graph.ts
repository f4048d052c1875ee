import { dependencies, eq } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';

/** A dependency read as an edge `blocker -> blocked`: `A requires B` is `B blocks A`. */
export function asBlockingEdge(link: { sourceId: string; targetId: string; type: 'blocks' | 'requires' }): { blocker: string; blocked: string } {
  return link.type === 'blocks' ? { blocker: link.sourceId, blocked: link.targetId } : { blocker: link.targetId, blocked: link.sourceId };
}

/** The project's blocking graph: blocker id -> ids it blocks. */
export async function loadBlockingGraph(db: DbOrTx, projectId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ sourceId: dependencies.sourceId, targetId: dependencies.targetId, type: dependencies.type })
    .from(dependencies)
    .where(eq(dependencies.projectId, projectId));
  const graph = new Map<string, string[]>();
  for (const row of rows) {
    const { blocker, blocked } = asBlockingEdge(row);
    graph.set(blocker, [...(graph.get(blocker) ?? []), blocked]);
  }
  return graph;
}

/** A path `from -> ... -> to` in the graph, or null (breadth first, so the shortest). */
export function findPath(graph: Map<string, string[]>, from: string, to: string): string[] | null {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    if (node === to) {
      const path: string[] = [];
      for (let step: string | null | undefined = to; step; step = previous.get(step)) path.unshift(step);
      return path;
    }
    for (const next of graph.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}
