import type { ReactiveControllerHost } from 'lit';

/** A delete waiting for its undo window to pass. */
export interface PendingDelete {
  id: string;
  /** The file name, when the page knows it. */
  label: string | undefined;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Deletes held back for an undo window: each is sent by `send` when its window has passed, or at
 * once with {@link PendingDeletes.sendAll}; {@link PendingDeletes.undo} drops one unsent. An entry
 * stays listed until its `send` has settled. The host re-renders after every change.
 */
export class PendingDeletes {
  /** Oldest first. */
  list: readonly PendingDelete[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly send: (id: string, leaving: boolean) => Promise<void>,
  ) {}

  has(id: string): boolean {
    return this.list.some((p) => p.id === id);
  }

  /** Holds back the delete of `id` for `delayMs`; false if it is already held back. */
  add(id: string, label: string | undefined, delayMs: number): boolean {
    if (this.has(id)) return false;
    const timer = setTimeout(() => void this.#send(id, false), delayMs);
    this.#set([...this.list, { id, label, timer }]);
    return true;
  }

  /** Drops the delete of `id` unsent; false if there was none. */
  undo(id: string): boolean {
    const entry = this.list.find((p) => p.id === id);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.#set(this.list.filter((p) => p !== entry));
    return true;
  }

  /** Sends every listed delete now (`leaving`: the page is going away). */
  sendAll(leaving: boolean): void {
    for (const { id } of this.list) void this.#send(id, leaving);
  }

  async #send(id: string, leaving: boolean): Promise<void> {
    const entry = this.list.find((p) => p.id === id);
    if (!entry) return;
    clearTimeout(entry.timer);
    try {
      await this.send(id, leaving);
    } finally {
      this.#set(this.list.filter((p) => p !== entry));
    }
  }

  #set(list: readonly PendingDelete[]): void {
    this.list = list;
    this.host.requestUpdate();
  }
}
