import { type EventChunk, EventKind } from "../../tracking/events.js";
import type { PaymentTotals, TimeRange } from "../store.js";
import { latestBy } from "./scan.js";

interface Latest {
  at: number;
  final: boolean;
  method: string;
  status: string;
  reason: string | null;
  amountXaf: number;
}

/** Totals per method, status and reason in a range, each payment (`b`) counted once with its latest event. */
export function memoryPaymentTotals(chunks: readonly EventChunk[], range: TimeRange): PaymentTotals[] {
  const latest = latestBy<Latest>(
    chunks,
    range,
    EventKind.Payment,
    (c, i) => c.b[i] ?? "",
    (c, i) => {
      const status = String(c.meta[i]?.status ?? "requested");
      const reason = c.meta[i]?.reason;
      return {
        at: c.at[i] as number,
        final: status !== "requested",
        method: c.a[i] ?? "",
        status,
        reason: status === "failed" && typeof reason === "string" ? reason : null,
        amountXaf: c.value[i] as number,
      };
    },
    // Same instant: a settled status outranks the request, as in the PostgreSQL store.
    (seen, next) => seen.at > next.at || (seen.at === next.at && seen.final && !next.final),
  );
  const groups = new Map<string, PaymentTotals>();
  for (const p of latest.values()) {
    const key = JSON.stringify([p.method, p.status, p.reason]);
    const t = groups.get(key) ?? { method: p.method, status: p.status, reason: p.reason, count: 0, amountXaf: 0 };
    t.count += 1;
    t.amountXaf += p.amountXaf;
    groups.set(key, t);
  }
  return [...groups.values()];
}
