import { expectTypeOf, test } from "vitest";
import {
  ALERT_KINDS,
  type Alert,
  type AlertKind,
  type AlertRecord,
  type AlertRule,
  Analytics,
  type AnalyticsStore,
  type AnalyticsSummary,
  type FunnelReport,
  MemoryStore,
  type PostgresStore,
  type SessionRole,
  type StoreHealth,
} from "./index.js";

test("public types", () => {
  const a = new Analytics({ store: new MemoryStore() });
  expectTypeOf(a.trackSessionStart).parameter(1).toEqualTypeOf<SessionRole>();
  expectTypeOf(a.getSummary()).resolves.toEqualTypeOf<AnalyticsSummary>();
  expectTypeOf(a.getFunnel("courier")).resolves.toEqualTypeOf<FunnelReport>();
  expectTypeOf(a.evaluateAlerts()).resolves.toEqualTypeOf<Alert[]>();
  expectTypeOf(a.qualityScore("2026-11-20")).resolves.toEqualTypeOf<number | null>();
  expectTypeOf(a.metrics()).resolves.toBeString();
  expectTypeOf<PostgresStore>().toMatchTypeOf<AnalyticsStore>();
  expectTypeOf(a.health()).toEqualTypeOf<StoreHealth>();
  expectTypeOf<StoreHealth["status"]>().toEqualTypeOf<"ok" | "down">();
  expectTypeOf<AlertKind>().toEqualTypeOf<"threshold" | "anomaly" | "trend_change">();
  expectTypeOf(ALERT_KINDS).toEqualTypeOf<readonly AlertKind[]>();
  expectTypeOf<AlertRule["type"]>().toEqualTypeOf<AlertKind>();
  expectTypeOf(a.acknowledgeAlert("id")).resolves.toEqualTypeOf<AlertRecord | null>();
  expectTypeOf<AlertRecord["state"]>().toEqualTypeOf<"active" | "acknowledged" | "resolved">();
  a.trackMessage("u", "text", { companyId: "shop" });
  // @ts-expect-error a company id is a string
  a.trackMessage("u", "text", { companyId: 42 });
  // @ts-expect-error roles are a closed set
  a.trackSessionStart("u", "admin");
  // @ts-expect-error alert rules are discriminated by type
  a.addAlertRule({ name: "x", type: "threshold", metric: "errorRate" });
});
