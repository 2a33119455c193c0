import type { CallOptions } from "../client/transport.js";
import { WhatsAppApiError, WhatsAppValidationError } from "../errors.js";
import { normalizePhone } from "../phone/normalize-phone.js";
import { listPath } from "./graph-calls.js";
import { type GraphContext, type GraphPage, type ListOptions, sendJson } from "./graph-context.js";

/** A user Meta refused to block or unblock, with its reasons. */
export interface BlockFailure {
  /** The number as sent. */
  input: string;
  /** Absent when the number is not a WhatsApp user. */
  waId: string | undefined;
  /** E.g. 131047: the user has not written in the last 24 hours, so cannot be blocked. */
  errors: Array<{ code: number; message: string; details: string | undefined }>;
}

/** What Meta answered for each user of a block call. */
export interface BlockResult {
  /** WhatsApp ids now blocked. */
  added: string[];
  /** Users Meta refused. */
  failed: BlockFailure[];
}

/** What Meta answered for each user of an unblock call. */
export interface UnblockResult {
  /** WhatsApp ids now unblocked. */
  removed: string[];
  /** Users Meta refused. */
  failed: BlockFailure[];
}

// Meta takes up to 1000 users a call (its block-users reference).
const MAX_USERS = 1000;
// "Failed to block/unblock users": a partial success, answered with HTTP 400 and the lists beside the error.
const SOME_FAILED = 139100;

function users(list: unknown, defaultCountry: string | undefined): Array<{ user: string }> {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_USERS) {
    throw new WhatsAppValidationError([{ field: "users", rule: `1 to ${MAX_USERS} phone numbers` }]);
  }
  return list.map((u, i) => ({ user: normalizePhone(u as string, { defaultCountry, field: `users[${i}]` }) }));
}

type RawUser = { input?: unknown; wa_id?: unknown };
type RawFailure = RawUser & {
  errors?: Array<{ code?: unknown; message?: unknown; error_data?: { details?: unknown } }>;
};
interface RawLists {
  added_users?: RawUser[];
  removed_users?: RawUser[];
  failed_users?: RawFailure[];
}

const ids = (list: RawUser[] | undefined) => (list ?? []).map((u) => String(u.wa_id ?? u.input ?? ""));

function failures(list: RawFailure[] | undefined): BlockFailure[] {
  return (list ?? []).map((u) => ({
    input: String(u.input ?? ""),
    waId: typeof u.wa_id === "string" ? u.wa_id : undefined,
    errors: (u.errors ?? []).map((e) => ({
      // Meta's guide shows the code both as a number and as a string.
      code: Number(e.code) || 0,
      message: String(e.message ?? ""),
      details: typeof e.error_data?.details === "string" ? e.error_data.details : undefined,
    })),
  }));
}

function listsOf(body: unknown): RawLists | undefined {
  const lists = (body as { block_users?: unknown } | undefined)?.block_users;
  return lists && typeof lists === "object" && !Array.isArray(lists) ? (lists as RawLists) : undefined;
}

async function call(
  ctx: GraphContext,
  method: "POST" | "DELETE",
  list: string[],
  defaultCountry: string | undefined,
  options: CallOptions,
): Promise<RawLists> {
  const body = { messaging_product: "whatsapp", block_users: users(list, defaultCountry) };
  try {
    // Blocking a blocked user (or unblocking an unblocked one) changes nothing: safe to repeat.
    return listsOf(await sendJson(ctx, method, `/${ctx.phoneNumberId}/block_users`, body, options, true)) ?? {};
  } catch (error) {
    // A partial success is not a failure of the call: the users done are done, the others are listed.
    const lists = WhatsAppApiError.isInstance(error) && error.code === SOME_FAILED ? listsOf(error.body) : undefined;
    if (lists) return lists;
    throw error;
  }
}

export async function blockUsers(
  ctx: GraphContext,
  list: string[],
  country: string | undefined,
  options: CallOptions = {},
): Promise<BlockResult> {
  const lists = await call(ctx, "POST", list, country, options);
  return { added: ids(lists.added_users), failed: failures(lists.failed_users) };
}

export async function unblockUsers(
  ctx: GraphContext,
  list: string[],
  country: string | undefined,
  options: CallOptions = {},
): Promise<UnblockResult> {
  const lists = await call(ctx, "DELETE", list, country, options);
  return { removed: ids(lists.removed_users), failed: failures(lists.failed_users) };
}

export async function listBlockedUsers(ctx: GraphContext, options: ListOptions = {}): Promise<GraphPage<string>> {
  return listPath(ctx, `/${ctx.phoneNumberId}/block_users`, {}, options, (u) => String(u.wa_id ?? ""));
}
