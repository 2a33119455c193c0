import type { CallOptions, Transport } from "../client/transport.js";
import { WhatsAppError, WhatsAppValidationError } from "../errors.js";

/** What the management calls need from the client: its transport and the ids it acts on. */
export interface GraphContext {
  readonly transport: Transport;
  readonly phoneNumberId: string;
  readonly businessAccountId: string | undefined;
}

/** The WhatsApp Business Account id, or a validation error naming the option that is missing. */
export function businessAccount(ctx: GraphContext): string {
  if (ctx.businessAccountId === undefined) {
    throw new WhatsAppValidationError([
      { field: "businessAccountId", rule: "required by this call: set it in the WhatsAppClient options" },
    ]);
  }
  return ctx.businessAccountId;
}

/** A Graph node id (template, Flow…) checked before it goes into a path, so input cannot reach another node. */
export function nodeId(value: unknown, field: string): string {
  if (typeof value !== "string" || !/^\d{1,30}$/.test(value)) {
    throw new WhatsAppValidationError([{ field, rule: "digits only (a Graph id)" }]);
  }
  return value;
}

/** Graph answers `{ success: true }` to a change; anything else is not a success. */
export function successOf(res: { success?: unknown }): { success: boolean } {
  return { success: res.success === true };
}

/** The `id` of a created node, or an error when Graph answered without one. */
export function createdId(res: { id?: unknown }, what: string): string {
  if (typeof res.id !== "string" && typeof res.id !== "number") {
    throw new WhatsAppError(`${what} answered without an id`, "INVALID_RESPONSE");
  }
  return String(res.id);
}

/** A page of a Graph list: its items and the cursor of the next page, when there is one. */
export interface GraphPage<T> {
  data: T[];
  /** Pass as `after` to get the next page. */
  after: string | undefined;
}

interface RawPage {
  data?: unknown;
  paging?: { cursors?: { after?: unknown }; next?: unknown };
}

/** Reads a Graph list answer; `next` missing means the last page, whatever the cursor says. */
export function pageOf<T>(res: RawPage, map: (item: Record<string, unknown>) => T): GraphPage<T> {
  const items = Array.isArray(res.data) ? res.data : [];
  const data = items.filter((i): i is Record<string, unknown> => typeof i === "object" && i !== null).map(map);
  const after = res.paging?.cursors?.after;
  return { data, after: typeof after === "string" && res.paging?.next !== undefined ? after : undefined };
}

/** Options of a list call. */
export interface ListOptions extends CallOptions {
  /** Items per page. */
  limit?: number;
  /** The cursor from a previous page. */
  after?: string;
}

/** `?a=1&b=2` from the defined values, or an empty string. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === "" ? "" : `?${s}`;
}

/** Validates list options shared by every list call. */
export function listParams(options: ListOptions): { limit: number | undefined; after: string | undefined } {
  const { limit, after } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
    throw new WhatsAppValidationError([{ field: "limit", rule: "an integer from 1 to 1000" }]);
  }
  if (after !== undefined && (typeof after !== "string" || after === "")) {
    throw new WhatsAppValidationError([{ field: "after", rule: "a cursor from a previous page" }]);
  }
  return { limit, after };
}

/** Strips the per-call options to what the transport takes. */
export function callOptions(options: CallOptions): CallOptions {
  return { signal: options.signal, timeoutMs: options.timeoutMs };
}

/** Sends a JSON body with `method` (Graph's block list takes a body on DELETE too). */
export function sendJson<T>(
  ctx: GraphContext,
  method: "POST" | "DELETE",
  path: string,
  body: unknown,
  options: CallOptions,
  idempotent: boolean,
): Promise<T> {
  return ctx.transport.call<T>(method, path, JSON.stringify(body), callOptions(options), idempotent);
}

/** POSTs a JSON body; `idempotent` when sending it twice leaves the same state. */
export function postJson<T>(
  ctx: GraphContext,
  path: string,
  body: unknown,
  options: CallOptions,
  idempotent = false,
): Promise<T> {
  return sendJson(ctx, "POST", path, body, options, idempotent);
}
