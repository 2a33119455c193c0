import type { Analytics } from "@toktok/analytics";
import type { z } from "zod";
import type { ApiErrorBody } from "./http.ts";
import type { PromotionSender } from "./promotion-port.ts";

/** What a route produces; the handler writes it (and caches a GET's). */
export type Answer =
  | { type: "json"; body: unknown; status?: number }
  | { type: "text"; contentType: string; body: string; filename?: string }
  | { type: "binary"; contentType: string; body: Buffer; filename: string };

/** Sends a report by e-mail now (the bot's report delivery, when SMTP is configured). */
export interface ReportSender {
  sendNow(period: "day" | "week", date?: string): Promise<{ subject: string; from: string; to: string }>;
}

/** Inputs of a route: the validated query, the decoded path parameter, the time of the request. */
export interface RouteInput<Q, B = undefined> {
  analytics: Analytics;
  query: Q;
  /** The validated JSON body of a route that declares `body`, else undefined. */
  body: B;
  /** Decoded path parameter (`{flow}`, `{id}`, `{companyId}`), else undefined. */
  param: string | undefined;
  now: number;
  /** Known step order per flow (the app's flow definitions); otherwise the analytics' own order. */
  funnelSteps: Readonly<Record<string, readonly string[]>>;
  /** The company every figure is scoped to: a merchant's own, or the one an admin asked for. */
  companyId: string | undefined;
  /** The token's `sub` (who acknowledges an alert). */
  subject: string | undefined;
  /** Absent when `SMTP_URL` is not configured. */
  reports: ReportSender | undefined;
  /** Sends a promotional offer; absent when the bot gave none (`POST /promotions` answers 503). */
  promotions?: PromotionSender | undefined;
  /** Start of a demo's live session (`DASHBOARD_LIVE_SINCE`): earlier figures are seeded history. */
  liveSince?: number | undefined;
}

/** One endpoint under `/api/analytics`. */
export interface Route<S extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  /** Default GET (HEAD answered alike). POST answers are never cached. */
  method?: "GET" | "POST";
  /** Matched against the path after `/api/analytics`. */
  pattern: RegExp;
  query: S;
  /** Validates the path parameter, when the pattern captures one; `field` names it in a 400. */
  param?: { schema: z.ZodType<string>; field: string };
  /** Only an admin token may call it (a merchant's gets 403). */
  adminOnly?: boolean;
  /** The path parameter is a company id: a merchant's token may only name its own. */
  companyParam?: boolean;
  /** The JSON body a POST takes: a bad one is a 400 `invalid_request` naming the field (`body.<field>`). */
  body?: B;
  run(input: RouteInput<z.output<S>, z.output<B>>): Promise<Answer>;
}

/** Types a route literal. */
export const route = <S extends z.ZodType, B extends z.ZodType = z.ZodType<undefined>>(r: Route<S, B>): Route<S, B> =>
  r;
/** A JSON answer (200 unless `status`). */
export const json = (body: unknown, status?: number): Answer =>
  status === undefined ? { type: "json", body } : { type: "json", body, status };
/** An error answer: its `error` is one of the documented codes (`API_ERROR_CODES`). */
export const jsonError = (body: ApiErrorBody, status: number): Answer => json(body, status);
/** `{ companyId }` to spread into an analytics read, or nothing for the whole operation. */
export const scoped = (companyId: string | undefined): { companyId?: string } =>
  companyId === undefined ? {} : { companyId };
