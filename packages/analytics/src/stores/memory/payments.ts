import { EventKind } from "../../tracking/events.js";
import type { PaymentTotals, TimeRange } from "../store.js";
import { scan } from "./scan.js";

interface Latest {
  at: number;
  final: boolean;
  method: string;
  status: string;
  reason: string | null;
  amountXaf: number;
}

/** Totals per method, status and reason in a range, each payment (`b`) counted once with its latest event. */
export function memoryPaymentTotals(chunks: Parameters<typeof scan>[0], range: TimeRange): PaymentTotals[] {
  const latest = new Map<string, Latest>();
  scan(
    chunks,
    range.from,
    range.to,
    EventKind.Payment,
    (c, i) => {
      const id = c.b[i] ?? "";
      const at = c.at[i] as number;
      const status = String(c.meta[i]?.status ?? "requested");
      const final = status !== "requested";
      const seen = latest.get(id);
      // Same instant: a settled status outranks the request, as in the PostgreSQL store.
      if (seen && (seen.at > at || (seen.at === at && seen.final && !final))) return;
      const reason = c.meta[i]?.reason;
      latest.set(id, {
        at,
        final,
        method: c.a[i] ?? "",
        status,
        reason: status === "failed" && typeof reason === "string" ? reason : null,
        amountXaf: c.value[i] as number,
      });
    },
    range.companyId,
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
