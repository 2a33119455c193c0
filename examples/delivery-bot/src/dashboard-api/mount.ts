import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { type Analytics, AnalyticsValidationError } from "@toktok/analytics";
import { TtlCache } from "@toktok/cache";
import type { AuthResult } from "./auth.ts";
import { createTokenVerifier, type DashboardAuthEnv } from "./auth.ts";
import { DashboardConfigError } from "./errors.ts";
import { BUILT_IN_FUNNEL_STEPS } from "./funnel-steps.ts";
import { sendBytes, sendError, sendJson, sendText } from "./http.ts";
import { parseLiveSince } from "./live-since.ts";
import { companyId as companySchema, firstIssue, queryObject } from "./params.ts";
import type { PromotionSender } from "./promotion-port.ts";
import { readBody } from "./request-body.ts";
import type { Answer, ReportSender } from "./route.ts";
import { ROUTES } from "./routes.ts";
import { serveDashboard } from "./static.ts";

/** Where the handler reports failures it answers with a 500 (never with request data or tokens). */
export interface DashboardLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** What {@link mountDashboard} needs. */
export interface DashboardDeps {
  /** The bot's analytics; the API only reads from it. */
  analytics: Analytics;
  /** Where `DASHBOARD_JWT_SECRET` / `DASHBOARD_JWT_PUBLIC_KEY` are read; default `process.env`. */
  env?: DashboardAuthEnv;
  /** Alias of `env` for apps that pass a parsed config object. */
  config?: DashboardAuthEnv;
  /** Cache of computed answers; default a private `TtlCache` with `cacheTtlMs`. */
  cache?: TtlCache<Answer>;
  /** How long an answer is reused; default 5 000 ms (the page refreshes every 30 s). */
  cacheTtlMs?: number;
  /** Clock for the periods (epoch ms); default the analytics' own clock. Token expiry always uses the real time. */
  now?: () => number;
  /**
   * Step order of each flow's funnel, e.g. `{ courier: ["start", "pickup", "destination", "confirm"] }`.
   * Default: the built-in flows' order ({@link BUILT_IN_FUNNEL_STEPS}); other flows list the steps most
   * users reached first (ties by name).
   */
  funnelSteps?: Readonly<Record<string, readonly string[]>>;
  /** Folder of the built page (`vite build` output); default `dist/dashboard` of this example. */
  dashboardDir?: string;
  logger?: DashboardLogger;
  /** Told of each call with a forged or garbled token (the bot tracks it as a security event). */
  onInvalidToken?: () => void;
  /** Sends a report now (`POST /reports/send`); without it that route answers 503. */
  reports?: ReportSender;
  /** Sends a promotional offer (`POST /promotions`); without it that route answers 503. */
  promotions?: PromotionSender;
  /**
   * Start of a demo's live session, epoch ms (default: `DASHBOARD_LIVE_SINCE` of `env`): `/summary`
   * then reports the seeded history before it and the live figures since it apart.
   */
  liveSince?: number;
}

/** A Node request handler that answers its own paths and resolves `false` for any other. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const API_PREFIX = "/api/analytics";
const PAGE_PREFIX = "/dashboard";
/** Built by `pnpm --filter @toktok-example/delivery-bot build:dashboard` (vite.config.ts `build.outDir`). */
export const DEFAULT_DASHBOARD_DIR: string = fileURLToPath(new URL("../../dist/dashboard", import.meta.url));
const noop = () => {};
const silent: DashboardLogger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * Mounts the secured analytics API (`/api/analytics/*`) and the dashboard page (`/dashboard*`).
 * Every API route needs `Authorization: Bearer <JWT>` (HS256 with `DASHBOARD_JWT_SECRET` or RS256 with
 * `DASHBOARD_JWT_PUBLIC_KEY`): the `admin` role reads everything (one company with `?company=`); the
 * `entreprise` role with a `company` claim reads that company's figures only (another company → 403).
 * Throws {@link DashboardConfigError} when no key is configured.
 * @example
 * const dashboard = mountDashboard({ analytics, env: process.env });
 * http.createServer(async (req, res) => {
 *   if (await dashboard(req, res)) return;
 *   res.writeHead(404).end();
 * }).listen(3000);
 */
export function mountDashboard(deps: DashboardDeps): DashboardHandler {
  if (typeof deps !== "object" || deps === null) throw new DashboardConfigError("deps", "must be an object");
  const { analytics } = deps;
  if (typeof analytics?.getSummary !== "function") {
    throw new DashboardConfigError("analytics", "must be an Analytics instance");
  }
  const ttl = deps.cacheTtlMs ?? 5_000;
  if (!Number.isSafeInteger(ttl) || ttl < 0) throw new DashboardConfigError("cacheTtlMs", "must be an integer >= 0");
  const env = deps.env ?? deps.config ?? process.env;
  const verifier = createTokenVerifier(env);
  const liveSince = deps.liveSince ?? parseLiveSince((env as { DASHBOARD_LIVE_SINCE?: string }).DASHBOARD_LIVE_SINCE);
  const cache = deps.cache ?? new TtlCache<Answer>({ ttl, max: 500 });
  const now = deps.now ?? (() => analytics.now());
  const dir = deps.dashboardDir ?? DEFAULT_DASHBOARD_DIR;
  const logger = deps.logger ?? silent;
  const funnelSteps = deps.funnelSteps ?? BUILT_IN_FUNNEL_STEPS;

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const isApi = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
    const isPage = path === PAGE_PREFIX || path.startsWith(`${PAGE_PREFIX}/`);
    if (!isApi && !isPage) return false;
    const method = req.method === "HEAD" ? "GET" : req.method;
    if (method !== "GET" && !(method === "POST" && isApi)) {
      sendError(res, 405, { error: "method_not_allowed", message: "only GET" }, { allow: "GET, HEAD" });
      return true;
    }
    if (isPage) {
      await serveDashboard(res, dir, path.slice(PAGE_PREFIX.length));
      return true;
    }
    // Authenticate before routing so an unauthenticated caller learns nothing, not even which paths exist.
    const auth = await verifier.check(req.headers);
    if (!auth.ok) {
      // A forged or garbled token is a security event (repeated ones raise an alert); an expired or
      // missing one is ordinary.
      if (auth.error === "invalid_token") deps.onInvalidToken?.();
      const challenge: Record<string, string> =
        auth.status === 401 ? { "www-authenticate": `Bearer error="${auth.error}"` } : {};
      sendError(res, auth.status, { error: auth.error, message: auth.message }, challenge);
      return true;
    }
    await answerApi(req, res, method, path.slice(API_PREFIX.length), url.searchParams, auth);
    return true;
  };

  async function answerApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    subPath: string,
    params: URLSearchParams,
    auth: Extract<AuthResult, { ok: true }>,
  ): Promise<void> {
    for (const route of ROUTES) {
      const match = route.pattern.exec(subPath);
      if (match === null || (route.method ?? "GET") !== method) continue;
      let param: string | undefined;
      if (route.param !== undefined) {
        let raw: string;
        try {
          raw = decodeURIComponent(match[1] ?? "");
        } catch {
          raw = "";
        }
        const parsed = route.param.schema.safeParse(raw);
        const field = route.param.field;
        if (!parsed.success) {
          sendError(res, 400, {
            error: "invalid_path",
            field,
            message: `${field}: ${firstIssue(parsed.error).message.replace(/^[^:]*: /, "")}`,
          });
          return;
        }
        param = parsed.data;
      }
      const raw = queryObject(params);
      if (!raw.ok) {
        sendError(res, 400, { error: "invalid_query", field: raw.field, message: `${raw.field}: must be given once` });
        return;
      }
      // `?company=` is read here for every route (the routes' own schemas never see it).
      const { company: askedCompany, ...rest } = raw.value;
      const company = askedCompany === undefined ? undefined : companySchema.safeParse(askedCompany);
      if (company !== undefined && !company.success) {
        sendError(res, 400, {
          error: "invalid_query",
          field: "company",
          message: `company: ${company.error.issues[0]?.message}`,
        });
        return;
      }
      const scope = scopeOf(auth, company?.data, route.companyParam ? param : undefined, route.adminOnly === true);
      if (!scope.ok) {
        sendError(res, 403, { error: "forbidden", message: scope.message });
        return;
      }
      const query = route.query.safeParse(rest);
      if (!query.success) {
        sendError(res, 400, { error: "invalid_query", ...firstIssue(query.error) });
        return;
      }
      // Read after the checks above: a refused caller's body is never parsed.
      let body: unknown;
      if (route.body !== undefined) {
        const read = await readBody(req, route.body);
        if (!read.ok) {
          sendError(res, 400, { error: "invalid_request", field: read.field, message: read.message });
          return;
        }
        body = read.value;
      }
      const input = {
        analytics,
        query: query.data,
        body,
        param,
        now: now(),
        funnelSteps,
        liveSince,
        companyId: scope.companyId,
        subject: auth.subject,
        reports: deps.reports,
        promotions: deps.promotions,
      };
      const key = `${subPath}?${JSON.stringify(query.data)}&company=${scope.companyId ?? "*"}`;
      let answer: Answer;
      try {
        // A POST acts: never served from, nor stored in, the cache.
        answer = method === "POST" ? await route.run(input) : await cache.wrap(key, () => route.run(input));
      } catch (error) {
        if (AnalyticsValidationError.isInstance(error)) {
          sendError(res, 400, { error: "invalid_query", field: error.field, message: `${error.field}: ${error.rule}` });
          return;
        }
        logger.error("dashboard: analytics query failed", { path: subPath, error });
        sendError(res, 500, { error: "internal", message: "analytics query failed" });
        return;
      }
      write(res, answer);
      return;
    }
    sendError(res, 404, { error: "not_found", message: `no analytics route ${subPath || "/"}` });
  }
}

/**
 * Which company a request reads: a merchant's token its own company only (another one named in `?company=`
 * or the path → 403, never an empty answer), an admin's any one or all.
 */
function scopeOf(
  auth: Extract<AuthResult, { ok: true }>,
  asked: string | undefined,
  inPath: string | undefined,
  adminOnly: boolean,
): { ok: true; companyId: string | undefined } | { ok: false; message: string } {
  if (auth.company === undefined) return { ok: true, companyId: inPath ?? asked };
  if (adminOnly) return { ok: false, message: 'the "admin" role is required' };
  for (const named of [asked, inPath]) {
    if (named !== undefined && named !== auth.company)
      return { ok: false, message: "this token reads its own company only" };
  }
  return { ok: true, companyId: auth.company };
}

function write(res: ServerResponse, answer: Answer): void {
  if (answer.type === "json") {
    sendJson(res, answer.status ?? 200, answer.body);
    return;
  }
  if (answer.type === "binary") {
    sendBytes(res, answer.contentType, answer.body, {
      "content-disposition": `attachment; filename="${answer.filename}"`,
    });
    return;
  }
  const headers: Record<string, string> = {};
  if (answer.filename !== undefined) headers["content-disposition"] = `attachment; filename="${answer.filename}"`;
  if (answer.contentType.startsWith("text/html")) {
    // The report is self-contained (inline styles, no script): forbid anything else.
    headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  }
  sendText(res, 200, answer.contentType, answer.body, headers);
}
