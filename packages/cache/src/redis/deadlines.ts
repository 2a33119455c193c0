// Bounded waits without a timer per command: commands sharing one timeout expire in the order they were sent, so a
// FIFO queue and ONE `unref`'d timer (armed for the oldest pending command) is enough. Settling a command only marks
// it; the queue drops settled entries from its head. This keeps the per-command cost to an object and a push, which
// matters at tens of thousands of Redis calls per second.

/** A command's deadline; `settle()` it when the command answers. */
export class Pending {
  settled = false;
  readonly deadline: number;
  readonly expire: () => void;
  readonly #queue: DeadlineQueue;

  constructor(deadline: number, expire: () => void, queue: DeadlineQueue) {
    this.deadline = deadline;
    this.expire = expire;
    this.#queue = queue;
  }

  settle(): void {
    this.#queue.settle(this);
  }
}

class DeadlineQueue {
  #items: Pending[] = [];
  #head = 0;
  #timer: NodeJS.Timeout | undefined;
  #firesAt = 0;
  readonly #timeoutMs: number;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  add(expire: () => void): Pending {
    const now = performance.now();
    const pending = new Pending(now + this.#timeoutMs, expire, this);
    this.#items.push(pending);
    // An overdue timer (e.g. created under fake timers that were then uninstalled) would never fire: replace it.
    if (this.#timer !== undefined && now > this.#firesAt + 1000) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#timer === undefined) this.#arm(this.#timeoutMs);
    return pending;
  }

  settle(pending: Pending): void {
    pending.settled = true;
    this.#dropSettled();
  }

  #dropSettled(): void {
    const items = this.#items;
    while (this.#head < items.length && (items[this.#head] as Pending).settled) this.#head++;
    if (this.#head === items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > items.length) {
      this.#items = items.slice(this.#head);
      this.#head = 0;
    }
  }

  #arm(ms: number): void {
    this.#firesAt = performance.now() + Math.max(0, ms);
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, ms));
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    const now = performance.now();
    const items = this.#items;
    while (this.#head < items.length) {
      const first = items[this.#head] as Pending;
      if (!first.settled && first.deadline > now) break;
      this.#head++;
      if (!first.settled) {
        first.settled = true;
        first.expire();
      }
    }
    this.#dropSettled();
    const next = this.#items[this.#head];
    if (next) this.#arm(next.deadline - now);
    else this.#items = [];
  }
}

const queues = new Map<number, DeadlineQueue>();

/** Calls `expire` after `timeoutMs` unless the returned handle is settled first. */
export function deadline(timeoutMs: number, expire: () => void): Pending {
  let queue = queues.get(timeoutMs);
  if (!queue) {
    queue = new DeadlineQueue(timeoutMs);
    queues.set(timeoutMs, queue);
  }
  return queue.add(expire);
}
