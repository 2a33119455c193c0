import type { CallOptions } from "../client/transport.js";
import { WhatsAppValidationError } from "../errors.js";
import { normalizePhone } from "../phone/normalize-phone.js";
import {
  callOptions,
  type GraphContext,
  type GraphPage,
  type ListOptions,
  listParams,
  pageOf,
  query,
} from "./graph-context.js";

/** What Meta answered for each user of a block or unblock call. */
export interface BlockResult {
  /** WhatsApp ids done. */
  added: string[];
  /** Users Meta refused, with its reason (e.g. a user who never wrote in the last 24 hours cannot be blocked). */
  failed: Array<{ input: string; waId: string | undefined; errors: Array<{ code: number; message: string }> }>;
}

// Meta takes up to 1000 users a call (its block-users reference).
const MAX_USERS = 1000;

function users(list: unknown, defaultCountry: string | undefined): Array<{ user: string }> {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_USERS) {
    throw new WhatsAppValidationError([{ field: "users", rule: `1 to ${MAX_USERS} phone numbers` }]);
  }
  return list.map((u, i) => ({ user: normalizePhone(u as string, { defaultCountry, field: `users[${i}]` }) }));
}

interface RawBlock {
  block_users?: {
    added_users?: Array<{ input?: unknown; wa_id?: unknown }>;
    failed_users?: Array<{ input?: unknown; wa_id?: unknown; errors?: Array<{ code?: unknown; message?: unknown }> }>;
  };
}

function resultOf(res: RawBlock): BlockResult {
  const b = res.block_users ?? {};
  return {
    added: (b.added_users ?? []).map((u) => String(u.wa_id ?? u.input ?? "")),
    failed: (b.failed_users ?? []).map((u) => ({
      input: String(u.input ?? ""),
      waId: typeof u.wa_id === "string" ? u.wa_id : undefined,
      errors: (u.errors ?? []).map((e) => ({ code: Number(e.code) || 0, message: String(e.message ?? "") })),
    })),
  };
}

async function call(
  ctx: GraphContext,
  method: "POST" | "DELETE",
  list: string[],
  defaultCountry: string | undefined,
  options: CallOptions,
): Promise<BlockResult> {
  const body = JSON.stringify({ messaging_product: "whatsapp", block_users: users(list, defaultCountry) });
  // Blocking a blocked user (or unblocking an unblocked one) changes nothing: safe to repeat.
  const res = await ctx.transport.call<RawBlock>(
    method,
    `/${ctx.phoneNumberId}/block_users`,
    body,
    callOptions(options),
    true,
  );
  return resultOf(res);
}

export function blockUsers(
  ctx: GraphContext,
  list: string[],
  country: string | undefined,
  options: CallOptions = {},
): Promise<BlockResult> {
  return call(ctx, "POST", list, country, options);
}

export function unblockUsers(
  ctx: GraphContext,
  list: string[],
  country: string | undefined,
  options: CallOptions = {},
): Promise<BlockResult> {
  return call(ctx, "DELETE", list, country, options);
}

export async function listBlockedUsers(ctx: GraphContext, options: ListOptions = {}): Promise<GraphPage<string>> {
  const { limit, after } = listParams(options);
  const path = `/${ctx.phoneNumberId}/block_users${query({ limit, after })}`;
  const res = await ctx.transport.call<Parameters<typeof pageOf>[0]>("GET", path, undefined, callOptions(options));
  return pageOf(res, (u) => String(u.wa_id ?? ""));
}
