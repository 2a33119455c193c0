import type { Counter } from "@prometheus-io/client";
import type { Cell } from "../tracking/live-metrics.js";

type Labels = Record<string, string>;

/**
 * Copies our pre-aggregated cells into a client `Counter` inside its `collect()`
 * callback. Counters only grow, so each scrape adds the delta since the last one:
 * series that did not move cost one comparison, and the client renders the rest.
 */
export class CounterSync {
  constructor(
    private readonly cells: Map<string, Cell>,
    private readonly labelsOf: (key: string, cell: Cell) => Labels,
  ) {}

  sync(counter: Counter<string>): void {
    for (const [key, cell] of this.cells) {
      const delta = cell.n - cell.exported;
      if (delta > 0) {
        cell.labels ??= this.labelsOf(key, cell);
        counter.inc(cell.labels, delta);
        cell.exported = cell.n;
      }
    }
  }
}
