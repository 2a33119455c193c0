// The page's view of the analytics API (see src/dashboard-api/openapi.yaml). Only the fields it shows.
import type { AnalyticsSummary } from "@toktok/analytics";

export type Period = "24h" | "7d" | "30d" | "90d" | "1y" | "all";
export const PERIODS: readonly Period[] = ["24h", "7d", "30d", "90d", "1y", "all"];

export interface Kpis {
  sessions: number;
  activeSessions: number;
  activeUsers: number;
  missions: number;
  orders: number;
  revenueXaf: number;
  errorRate: number;
  messages: number;
  /** Dispatched missions not cancelled ÷ dispatched (0–1); null without dispatch data. */
  missionSuccessRate: number | null;
  /** Users who ever signed up. */
  registeredUsers: number;
}

/** One firing of a rule as the alert monitor keeps it (`/alerts` → `records`). */
export interface AlertRecord {
  id: string;
  rule: string;
  state: "active" | "acknowledged" | "resolved";
  alert: { message: string; severity: string };
  firedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
}

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

export interface DailyRow {
  period: string;
  sessions: number;
  activeUsers: number;
  messages: number;
  conversions: number;
  revenueXaf: number;
  errors: number;
  errorRate: number;
  avgResponseMs: number;
}

export interface FunnelStep {
  step: string;
  users: number;
  conversionPct: number;
  dropOffPct: number;
  conversionFromStartPct: number;
}

export interface Funnel {
  flow: string;
  steps: FunnelStep[];
  entered: number;
  completed: number;
  completionPct: number;
  worstDropOff: { step: string; dropOffPct: number } | null;
}

export interface QualityDay {
  day: string;
  score: number;
  onTimeRate: number;
  cancelRate: number;
  avgDelayMinutes: number;
  total: number;
}

/** `/satisfaction`: customers' ratings of their deliveries over the period. */
export interface Satisfaction {
  count: number;
  /** 1–5, one decimal; 0 without ratings. */
  average: number;
  /** Share of ratings of 2 or less, 0–1. */
  lowShare: number;
  byDriver: Record<string, { name?: string; count: number; average: number }>;
}

/** `/payments`: Mobile Money and cash payments over the period, each counted once with its latest status. */
export interface Payments {
  attempts: number;
  succeeded: number;
  failed: number;
  /** Succeeded over settled (succeeded + failed), 0–1. */
  successRate: number;
  failureReasons: Record<string, number>;
  /** XAF collected per method (`mtn_momo`, `airtel_money`, `cash`). */
  revenueByMethod: Record<string, number>;
}

export interface Alert {
  rule: string;
  severity: "info" | "warning" | "critical";
  metric: string;
  value: number;
  reference: number;
  message: string;
  at: string;
}

export interface AlertRule {
  name: string;
  type: string;
  severity?: string;
  metric: string;
  active: boolean;
}

export interface Insight {
  kind: string;
  severity: "info" | "warning" | "critical";
  title: string;
  detail: string;
  recommendation: string;
}

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
