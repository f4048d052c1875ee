import type { EventBus, Unsubscribe } from '../bus';

/** One open `presence.watch` subscription: one browser tab on one project. */
export interface PresenceEntry {
  connectionId: string;
  userId: string;
  name: string;
  avatarUrl: string | null;
  /** The item the tab shows, or null for the board itself. */
  itemId: string | null;
  instanceId: string;
}

export interface PresenceViewer {
  userId: string;
  name: string;
  avatarUrl: string | null;
  /** Items this user has open (over all their tabs), sorted. */
  itemIds: string[];
}

export interface PresenceSnapshot {
  projectId: string;
  viewers: PresenceViewer[];
}

/** On `presence:${projectId}`: announce (join and heartbeat), leave, and a request to announce now. */
type PresenceMessage =
  | { kind: 'announce'; instanceId: string; entries: PresenceEntry[] }
  | { kind: 'leave'; instanceId: string; connectionIds: string[] }
  | { kind: 'sync'; instanceId: string };

export interface PresenceOptions {
  bus: EventBus;
  instanceId: string;
  /** Injected so expiry is tested without waiting. */
  now?: () => number;
  /** How often each instance re-announces its viewers; default 5 s. */
  heartbeatMs?: number;
  /** A viewer not re-announced for this long is dropped (its instance died); default 15 s. */
  ttlMs?: number;
  onError?: (error: unknown) => void;
}

interface ProjectState {
  local: Map<string, PresenceEntry>;
  remote: Map<string, { entry: PresenceEntry; expiresAt: number }>;
  listeners: Set<(snapshot: PresenceSnapshot) => void>;
  subscribed: Promise<Unsubscribe>;
  signature: string;
}

export const presenceChannel = (projectId: string) => `presence:${projectId}`;

/**
 * Who views which project and item, across instances. Each instance announces its own viewers on
 * the project's presence channel when they join and every `heartbeatMs`, and says when they leave
 * (the WebSocket closed: a closed tab disappears at once). Entries of other instances expire
 * `ttlMs` after their last announcement, so a crashed instance's viewers disappear too. Dead sockets
 * are found by the WebSocket keep-alive, which ends their subscription.
 */
export class PresenceTracker {
  private readonly projects = new Map<string, ProjectState>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PresenceOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 15_000;
  }

  /** Heartbeats and expiry on a timer; tests call `tick()` instead. */
  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.options.heartbeatMs ?? 5000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const projects = [...this.projects.entries()];
    this.projects.clear();
    await Promise.all(
      projects.map(async ([projectId, state]) => {
        if (state.local.size > 0) await this.send(projectId, { kind: 'leave', instanceId: this.options.instanceId, connectionIds: [...state.local.keys()] });
        await (await state.subscribed)();
      }),
    );
  }

  /** Registers a viewer until `leave()`; `listener` gets the project's snapshot whenever it changes. */
  async join(projectId: string, viewer: Omit<PresenceEntry, 'instanceId'>, listener: (snapshot: PresenceSnapshot) => void): Promise<{ leave: () => Promise<void> }> {
    const state = this.stateOf(projectId);
    await state.subscribed;
    const entry: PresenceEntry = { ...viewer, instanceId: this.options.instanceId };
    state.local.set(entry.connectionId, entry);
    state.listeners.add(listener);
    this.changed(projectId);
    await this.send(projectId, { kind: 'announce', instanceId: this.options.instanceId, entries: [entry] });
    await this.send(projectId, { kind: 'sync', instanceId: this.options.instanceId });
    let left = false;
    return {
      leave: async () => {
        if (left) return;
        left = true;
        state.listeners.delete(listener);
        state.local.delete(entry.connectionId);
        this.changed(projectId);
        await this.send(projectId, { kind: 'leave', instanceId: this.options.instanceId, connectionIds: [entry.connectionId] });
        if (state.local.size === 0 && state.listeners.size === 0 && this.projects.get(projectId) === state) {
          this.projects.delete(projectId);
          await (await state.subscribed)();
        }
      },
    };
  }

  /** Re-announces local viewers and drops remote ones whose instance went quiet. */
  tick(): void {
    for (const [projectId, state] of this.projects) {
      if (state.local.size > 0) void this.send(projectId, { kind: 'announce', instanceId: this.options.instanceId, entries: [...state.local.values()] });
      const now = this.now();
      for (const [connectionId, { expiresAt }] of state.remote) if (expiresAt <= now) state.remote.delete(connectionId);
      this.changed(projectId);
    }
  }

  snapshot(projectId: string): PresenceSnapshot {
    const state = this.projects.get(projectId);
    const byUser = new Map<string, PresenceViewer>();
    if (state) {
      const now = this.now();
      const live = [...state.local.values(), ...[...state.remote.values()].filter((r) => r.expiresAt > now).map((r) => r.entry)];
      for (const entry of live) {
        const viewer = byUser.get(entry.userId) ?? { userId: entry.userId, name: entry.name, avatarUrl: entry.avatarUrl, itemIds: [] };
        if (entry.itemId && !viewer.itemIds.includes(entry.itemId)) viewer.itemIds.push(entry.itemId);
        byUser.set(entry.userId, viewer);
      }
    }
    const viewers = [...byUser.values()].map((viewer) => ({ ...viewer, itemIds: viewer.itemIds.sort() }));
    viewers.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
    return { projectId, viewers };
  }

  private stateOf(projectId: string): ProjectState {
    let state = this.projects.get(projectId);
    if (!state) {
      const created: ProjectState = { local: new Map(), remote: new Map(), listeners: new Set(), signature: '', subscribed: Promise.resolve(async () => {}) };
      created.subscribed = this.options.bus.subscribe(presenceChannel(projectId), (payload) => this.receive(projectId, created, payload as PresenceMessage));
      this.projects.set(projectId, created);
      state = created;
    }
    return state;
  }

  private receive(projectId: string, state: ProjectState, message: PresenceMessage): void {
    if (message.instanceId === this.options.instanceId) return;
    if (message.kind === 'announce') {
      const expiresAt = this.now() + this.ttlMs;
      for (const entry of message.entries) state.remote.set(entry.connectionId, { entry, expiresAt });
    } else if (message.kind === 'leave') {
      for (const connectionId of message.connectionIds) state.remote.delete(connectionId);
    } else if (state.local.size > 0) {
      void this.send(projectId, { kind: 'announce', instanceId: this.options.instanceId, entries: [...state.local.values()] });
    }
    this.changed(projectId);
  }

  /** Calls the listeners when the visible list differs from what they saw last. */
  private changed(projectId: string): void {
    const state = this.projects.get(projectId);
    if (!state) return;
    const snapshot = this.snapshot(projectId);
    const signature = JSON.stringify(snapshot.viewers);
    if (signature === state.signature) return;
    state.signature = signature;
    for (const listener of state.listeners) listener(snapshot);
  }

  private async send(projectId: string, message: PresenceMessage): Promise<void> {
    try {
      await this.options.bus.publish(presenceChannel(projectId), message);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
