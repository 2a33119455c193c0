import { useCallback, useEffect, useRef, useState } from "react";
import {
  type Alert,
  type AlertRecord,
  type AlertRule,
  ApiError,
  apiJson,
  type DailyRow,
  dailyRange,
  type Funnel,
  type Insight,
  type Payments,
  type Period,
  type QualityDay,
  type Satisfaction,
  type SummaryResponse,
} from "./api.ts";

export type Tab = "overview" | "conversations" | "funnels" | "revenue" | "quality" | "alerts";
export const TABS: readonly Tab[] = ["overview", "conversations", "funnels", "revenue", "quality", "alerts"];

/** How often the page reloads its figures (no full reload: only the API calls). */
export const REFRESH_MS = 30_000;

export interface DashboardData {
  summary?: SummaryResponse;
  daily?: DailyRow[];
  alerts?: { active: Alert[]; rules: AlertRule[]; records: AlertRecord[] };
  funnels?: Funnel[];
  quality?: QualityDay[];
  satisfaction?: Satisfaction;
  payments?: Payments;
  insights?: Insight[];
}

export interface DashboardState {
  data: DashboardData;
  loading: boolean;
  error: string | undefined;
  updatedAt: Date | undefined;
  /** How many loads completed; exposed on the page for the end-to-end test. */
  loads: number;
  reload(): void;
}

/**
 * Loads what the current tab shows (summary, daily series and alerts always), again every
 * {@link REFRESH_MS} and whenever the period or tab changes. 401/403 calls `onAuthError`.
 */
export function useDashboard(
  token: string,
  period: Period,
  tab: Tab,
  onAuthError: (status: number) => void,
): DashboardState {
  const [data, setData] = useState<DashboardData>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [loads, setLoads] = useState(0);
  const [tick, setTick] = useState(0);
  const authError = useRef(onAuthError);
  authError.current = onAuthError;

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the refresh trigger
  useEffect(() => {
    const abort = new AbortController();
    const get = <T>(path: string) => apiJson<T>(token, path, abort.signal);
    setLoading(true);
    (async () => {
      const summary = await get<SummaryResponse>(`/summary?period=${period}`);
      const days = dailyRange(period, summary.today);
      const quality = dailyRange(period === "24h" ? "7d" : period, summary.today);
      const [daily, alerts, funnels, qualityDays, insights, satisfaction, payments] = await Promise.all([
        get<{ days: DailyRow[] }>(`/daily?from=${days.from}&to=${days.to}`),
        get<{ active: Alert[]; rules: AlertRule[]; records: AlertRecord[] }>("/alerts"),
        tab === "funnels" ? get<{ funnels: Funnel[] }>(`/funnels?period=${period}`) : undefined,
        tab === "quality" ? get<{ days: QualityDay[] }>(`/quality?from=${quality.from}&to=${quality.to}`) : undefined,
        tab === "quality" ? get<{ insights: Insight[] }>("/insights") : undefined,
        tab === "quality" ? get<Satisfaction>(`/satisfaction?period=${period}`) : undefined,
        tab === "overview" ? get<Payments>(`/payments?period=${period}`) : undefined,
      ]);
      return {
        summary,
        daily: daily.days,
        alerts,
        funnels: funnels?.funnels,
        quality: qualityDays?.days,
        insights: insights?.insights,
        satisfaction,
        payments,
      };
    })().then(
      (next) => {
        if (abort.signal.aborted) return;
        // Keep what other tabs loaded before, replace what was just loaded.
        setData((prev) => ({
          ...prev,
          ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)),
        }));
        setError(undefined);
        setUpdatedAt(new Date());
        setLoads((n) => n + 1);
        setLoading(false);
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        setLoading(false);
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) authError.current(e.status);
        else setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => abort.abort();
  }, [token, period, tab, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, loading, error, updatedAt, loads, reload };
}
