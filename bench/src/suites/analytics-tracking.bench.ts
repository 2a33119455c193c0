// Tracking hot path: Analytics.trackMessage (pre-aggregated counters + columnar
// event buffer) vs @prometheus-io/client Counter.inc with two labels.
import { Counter, Registry } from "@prometheus-io/client";
import { Analytics, MemoryStore } from "@toktok/analytics";
import type { BenchSuite } from "../harness.ts";

const BATCH = 1000;
const TYPES = ["text", "image", "button_reply", "location"];
const ROLES = ["client", "livreur"];
const USERS = Array.from({ length: 1024 }, (_, i) => `2420612${String(i).padStart(5, "0")}`);

const suite: BenchSuite = {
  name: "analytics tracking",
  async run(harness) {
    // A memory store keeping 100 ms of events: every call still goes through the buffer and the
    // hand-off to the store, but a run at tens of millions of calls per second does not hold
    // gigabytes of events (and time the garbage collector instead of the tracking path).
    const analytics = new Analytics({ store: new MemoryStore({ retentionMs: 100 }) });
    const registry = new Registry();
    const counter = new Counter({
      name: "bench_messages_total",
      help: "h",
      labelNames: ["type", "role"],
      registers: [registry],
    });
    let i = 0;
    // What each sample runs: a batch of trackMessage calls on one instance, and the peer's batch.
    const trackBatch = (a: Analytics) => () => {
      for (let k = 0; k < BATCH; k++, i++) a.trackMessage(USERS[i & 1023] as string, TYPES[i & 3] as string);
    };
    const promPeer = {
      name: "prom Counter.inc(2 labels)",
      opsPerCall: BATCH,
      fn: () => {
        for (let k = 0; k < BATCH; k++, i++)
          counter.inc({ type: TYPES[i & 3] as string, role: ROLES[i & 1] as string });
      },
    };
    await harness.compare({
      title: `trackMessage vs Counter.inc with two labels (${BATCH} calls per sample)`,
      ours: { name: "Analytics.trackMessage", opsPerCall: BATCH, fn: trackBatch(analytics) },
      peers: [promPeer],
      targets: { "prom Counter.inc(2 labels)": 5 },
    });
    // Same call with 1,024 open sessions: each drained chunk then refreshes their last-seen times.
    const withSessions = new Analytics({ store: new MemoryStore({ retentionMs: 100 }) });
    for (const user of USERS) withSessions.trackSessionStart(user, "client");
    await harness.compare({
      title: `trackMessage with ${USERS.length} open sessions vs Counter.inc with two labels`,
      ours: { name: "trackMessage (open sessions)", opsPerCall: BATCH, fn: trackBatch(withSessions) },
      peers: [promPeer],
    });
    await withSessions.close();
    await analytics.close();
  },
};

export default suite;
