import type { EventChunk } from "../../tracking/events.js";

/** Events `[start, end)` of one chunk. */
export interface EventSlice {
  chunk: EventChunk;
  start: number;
  end: number;
}

/**
 * The bounded FIFO of events waiting for PostgreSQL. Chunks are kept by
 * reference (the tracker hands them over and never touches them again), so a
 * push costs one array slot. When full, the newest events are refused and
 * counted (like OpenTelemetry's batch processor): what is kept is an unbroken
 * run from the oldest event, and the batch being written — always the oldest
 * events — is never touched, so a retried batch stays the same batch.
 */
export class IngestBuffer {
  /** Most events held at once. */
  readonly capacity: number;
  #slices: EventSlice[] = [];
  #head = 0;
  #size = 0;
  #dropped = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Events held. */
  get size(): number {
    return this.#size;
  }

  /** Events refused (buffer full) or discarded since creation. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Appends what fits of `chunk`, in order; returns how many of its events were dropped. */
  push(chunk: EventChunk): number {
    const take = Math.min(chunk.length, this.capacity - this.#size);
    const lost = chunk.length - take;
    this.#dropped += lost;
    if (take > 0) {
      this.#slices.push({ chunk, start: 0, end: take });
      this.#size += take;
    }
    return lost;
  }

  /** The oldest events, at most `max` of them, without removing them. */
  peek(max: number): EventSlice[] {
    const out: EventSlice[] = [];
    let left = max;
    for (let i = this.#head; i < this.#slices.length && left > 0; i++) {
      const s = this.#slices[i] as EventSlice;
      const end = Math.min(s.end, s.start + left);
      out.push(end === s.end ? s : { chunk: s.chunk, start: s.start, end });
      left -= end - s.start;
    }
    return out;
  }

  /** Removes the `n` oldest events (written). */
  shift(n: number): void {
    let left = Math.min(n, this.#size);
    this.#size -= left;
    while (left > 0) {
      const s = this.#slices[this.#head] as EventSlice;
      const here = s.end - s.start;
      if (here > left) {
        this.#slices[this.#head] = { chunk: s.chunk, start: s.start + left, end: s.end };
        break;
      }
      left -= here;
      this.#slices[this.#head++] = undefined as unknown as EventSlice; // let the chunk be collected
    }
    if (this.#head === this.#slices.length) {
      this.#slices = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#slices.length) {
      this.#slices = this.#slices.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Removes the `n` oldest events and counts them as dropped (a batch PostgreSQL refused). */
  discard(n: number): void {
    const lost = Math.min(n, this.#size);
    this.shift(lost);
    this.#dropped += lost;
  }
}
