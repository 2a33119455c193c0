// The page's view of the analytics API (see src/dashboard-api/openapi.yaml). Each shape is the one its
// owner computes — @toktok/analytics for the figures, the bot's dashboard API for the KPI cards and the
// periods — narrowed with Pick to the fields the page shows, never written again here.
import type {
  Alert as AnalyticsAlert,
  AlertRecord as AnalyticsAlertRecord,
  Insight as AnalyticsInsight,
  Payments as AnalyticsPayments,
  Satisfaction as AnalyticsSatisfaction,
  AnalyticsSummary,
  FunnelReport,
  FunnelStepReport,
  PeriodStats,
  QualityBreakdown,
} from "@toktok/analytics";
import type { DashboardKpis } from "../../src/dashboard-api/kpis.ts";
import { PERIODS, type Period } from "../../src/dashboard-api/periods.ts";

export { PERIODS, type Period };

/** The KPI cards' figures, computed once by the API (`kpisOf`). */
export type Kpis = DashboardKpis;

/** One firing of a rule as the alert monitor keeps it (`/alerts` → `records`). */
export type AlertRecord = Pick<
  AnalyticsAlertRecord,
  "id" | "rule" | "state" | "firedAt" | "acknowledgedAt" | "acknowledgedBy"
> & { alert: Pick<AnalyticsAlert, "message" | "severity"> };

/** The summary as @toktok/analytics computes it (its one owner); the API sends it as JSON. */
export type Summary = Omit<AnalyticsSummary, "range">;

export interface SummaryResponse {
  period: Period;
  /** Today in the analytics' time zone, `YYYY-MM-DD`. */
  today: string;
  kpis: Kpis;
  summary: Summary;
  /** A demo's live session (`DASHBOARD_LIVE_SINCE`): then `kpis` and `summary` are the seeded history before `since`. */
  live?: { since: string; kpis: Kpis };
  /** The analytics' time zone (the live session's start is shown in it). */
  timeZone?: string;
}

/** `/daily` → `days`: one row per local day. */
export type DailyRow = PeriodStats;

export type FunnelStep = Pick<
  FunnelStepReport,
  "step" | "users" | "conversionPct" | "dropOffPct" | "conversionFromStartPct"
>;

export type Funnel = Pick<FunnelReport, "flow" | "entered" | "completed" | "completionPct" | "worstDropOff"> & {
  steps: FunnelStep[];
};

/** `/quality` → `days`: a day's quality breakdown and its number of missions. */
export type QualityDay = Pick<QualityBreakdown, "day" | "score" | "onTimeRate" | "cancelRate" | "avgDelayMinutes"> & {
  total: number;
};

/** `/satisfaction`: customers' ratings of their deliveries over the period. */
export type Satisfaction = AnalyticsSatisfaction;

/** `/payments`: Mobile Money and cash payments over the period, each counted once with its latest status. */
export type Payments = AnalyticsPayments;

export type Alert = Pick<AnalyticsAlert, "rule" | "severity" | "metric" | "value" | "reference" | "message" | "at">;

export interface AlertRule {
  name: string;
  type: string;
  severity?: string;
  metric: string;
  active: boolean;
}

export type Insight = Pick<AnalyticsInsight, "kind" | "severity" | "title" | "detail" | "recommendation">;

/** A refused or failed call; `status` 401/403 sends the operator back to the sign-in screen. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const BASE = "/api/analytics";

/** GET an API path with the operator's token; the token never goes in a URL (it would end up in logs). */
export async function apiFetch(token: string, path: string, signal?: AbortSignal): Promise<Response> {
  const res = await fetch(`${BASE}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    cache: "no-store",
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) {
    let message = res.statusText;
    try {
      message = ((await res.json()) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, message);
  }
  return res;
}

/** A POST of the two acting routes (send a report, acknowledge an alert); resolves with the JSON answer. */
export async function apiPost<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${BASE}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new ApiError(res.status, body.message ?? res.statusText);
  return body;
}

export async function apiJson<T>(token: string, path: string, signal?: AbortSignal): Promise<T> {
  return (await apiFetch(token, path, signal)).json() as Promise<T>;
}

/** Handoff figures of the operator inbox (`GET /api/inbox/figures`, shared by every bot process). */
export interface HandoffFigures {
  handoffsByTrigger: Record<string, number>;
  escalations: number;
  operators: Array<{
    operatorId: string;
    answered: number;
    firstResponseSeconds?: number;
    resolved: number;
    resolutionSeconds?: number;
    messages: number;
  }>;
}

/** The inbox's figures with the same token (an admin's), or undefined when the inbox is not mounted or refuses it. */
export async function inboxFigures(token: string, signal?: AbortSignal): Promise<HandoffFigures | undefined> {
  const res = await fetch("/api/inbox/figures", {
    headers: { authorization: `Bearer ${token}` },
    cache: "no-store",
    ...(signal ? { signal } : {}),
  });
  return res.ok ? ((await res.json()) as HandoffFigures) : undefined;
}

/** Inclusive day range of the daily charts for a period, ending on the API's `today`. */
export function dailyRange(period: Period, today: string): { from: string; to: string } {
  const days = period === "24h" ? 2 : period === "7d" ? 7 : period === "30d" ? 30 : period === "1y" ? 365 : 90;
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to: today };
}

/** Downloads an export through fetch (so the token stays in a header) and hands it to the browser. */
export async function download(token: string, path: string, filename: string): Promise<void> {
  const blob = await (await apiFetch(token, path)).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens the HTML report in a new tab from a blob (the report has no script; the token is not in its URL). */
export async function openReport(token: string, period: "day" | "week"): Promise<void> {
  const html = await (await apiFetch(token, `/report?period=${period}`)).text();
  const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  window.open(url, "_blank", "noopener");
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
