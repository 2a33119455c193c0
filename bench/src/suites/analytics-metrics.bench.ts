// Scrape cost: analytics.metrics() with 1,000 series (read from our counters by
// collect() at scrape time) vs the client library rendering the same 1,000
// series from its own Counter.
import { Counter, Registry } from "@prometheus-io/client";
import { Analytics } from "@toktok/analytics";
import type { BenchSuite } from "../harness.ts";

const SERIES = 1000;

const suite: BenchSuite = {
  name: "analytics metrics exposition",
  async run(harness) {
    const analytics = new Analytics({ maxSeries: SERIES });
    const registry = new Registry();
    const counter = new Counter({
      name: "toktok_messages_total",
      help: "Messages handled, by message type.",
      labelNames: ["type"],
      registers: [registry],
    });
    for (let s = 0; s < SERIES; s++) {
      const type = `type_${s}`;
      for (let n = 0; n <= s % 7; n++) {
        analytics.trackMessage("242061234567", type);
        counter.inc({ type });
      }
    }
    const ours = await analytics.metrics();
    const series = ours.split("\n").filter((l) => l.startsWith("toktok_messages_total{")).length;
    if (series !== SERIES) throw new Error(`expected ${SERIES} series, got ${series}`);
    let live = 0;
    await harness.compare({
      title: `metrics() with ${SERIES} series vs Registry.metrics() on a Counter with the same series`,
      ours: {
        name: "analytics.metrics()",
        fn: async () => {
          // A scrape after some traffic: one series moved since the previous scrape.
          analytics.trackMessage("242061234567", `type_${live++ % SERIES}`);
          return analytics.metrics();
        },
      },
      peers: [
        {
          name: "prom Registry.metrics()",
          fn: async () => {
            counter.inc({ type: `type_${live++ % SERIES}` });
            return registry.metrics();
          },
        },
      ],
      targets: { "prom Registry.metrics()": 0.83 },
    });
    await analytics.close();
  },
};

export default suite;
