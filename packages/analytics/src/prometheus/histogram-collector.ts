import type { HistogramCell } from "../tracking/live-metrics.js";

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/**
 * A histogram the registry renders from our pre-aggregated buckets.
 * `@prometheus-io/client`'s `Histogram` has no way to load bucket counts other
 * than one `observe()` per sample, so this object implements the registry's
 * metric contract (`name`, `help`, `type`, `get()`) — the same contract
 * `Registry.aggregate` uses for its own merged metrics — and reads the buckets
 * through its `collect()` at scrape time.
 */
export class HistogramCollector {
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly labelNames: string[];

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly label: string,
    private readonly upperBounds: readonly number[],
    private readonly cells: Map<string, HistogramCell>,
  ) {
    this.labelNames = [label];
  }

  /** Snapshot of the cells, cumulative buckets first, then `+Inf`, `_sum`, `_count`. */
  collect(): Sample[] {
    const values: Sample[] = [];
    for (const [labelValue, cell] of this.cells) {
      let cumulative = 0;
      for (let i = 0; i < this.upperBounds.length; i++) {
        cumulative += cell.buckets[i] as number;
        values.push({
          labels: { [this.label]: labelValue, le: this.upperBounds[i] as number },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        });
      }
      values.push({
        labels: { [this.label]: labelValue, le: "+Inf" },
        value: cell.count,
        metricName: `${this.name}_bucket`,
      });
      values.push({ labels: { [this.label]: labelValue }, value: cell.sumSeconds, metricName: `${this.name}_sum` });
      values.push({ labels: { [this.label]: labelValue }, value: cell.count, metricName: `${this.name}_count` });
    }
    return values;
  }

  async get(): Promise<{ name: string; help: string; type: string; values: Sample[]; aggregator: string }> {
    return { name: this.name, help: this.help, type: this.type, values: this.collect(), aggregator: this.aggregator };
  }

  /** The buckets belong to `Analytics`; resetting the registry does not erase them. */
  reset(): void {}
}
