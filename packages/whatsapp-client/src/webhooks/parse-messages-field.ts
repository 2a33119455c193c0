// The `messages` field: messages users send, statuses of what the business sent, and errors
// (users' actions and unread parts: parse-messages-rest.ts).
import type { NumberScope } from "./event-base.js";
import { type Change, eachItem, numberScope, part } from "./parse-context.js";
import { readContext, readInboundMessage, readReferral } from "./parse-message.js";
import { readMessagesRest } from "./parse-messages-rest.js";
import { isObj, malformed, type Obj, optArr, optStr, pickStrings, readErrors, reqStr, reqTime } from "./read.js";
import type { ErrorEvent, MessageEvent, StatusEvent } from "./types.js";

/** Profile names by WhatsApp ID, from `value.contacts`. */
export function contactNames(value: Obj, change: Change): Map<string, string> {
  const names = new Map<string, string>();
  const contacts = part(change.skip, `${change.path}.contacts`, () => optArr(value, "contacts", change.path)) ?? [];
  for (const c of contacts) {
    if (isObj(c) && typeof c.wa_id === "string" && isObj(c.profile) && typeof c.profile.name === "string") {
      names.set(c.wa_id, c.profile.name);
    }
  }
  return names;
}

/** The name of `waId`, or the only name of the change (Meta sends one contact per message). */
export function nameOf(names: Map<string, string>, waId: string): string | undefined {
  return names.get(waId) ?? (names.size === 1 ? names.values().next().value : undefined);
}

function message(raw: unknown, path: string, scope: NumberScope, names: Map<string, string>): MessageEvent {
  if (!isObj(raw)) return malformed(path, "expected a message object");
  // Business-scoped user ids (`from_user_id`) replace `from` for users who hide their number.
  const from = optStr(raw, "from") ?? optStr(raw, "from_user_id") ?? malformed(`${path}.from`, "expected a string");
  const event: MessageEvent = {
    kind: "message",
    ...scope,
    id: reqStr(raw, "id", path),
    from,
    timestamp: reqTime(raw, "timestamp", path),
    message: readInboundMessage(raw, path),
    raw,
  };
  const name = nameOf(names, from);
  if (name !== undefined) event.contactName = name;
  const groupId = optStr(raw, "group_id");
  if (groupId !== undefined) event.groupId = groupId;
  const context = readContext(raw);
  if (context) event.context = context;
  const referral = readReferral(raw);
  if (referral) event.referral = referral;
  return event;
}

/** One status object: of a message the business sent, or (in the `calls` field) of a call it placed. */
export function readStatus(raw: unknown, path: string, scope: NumberScope): StatusEvent {
  if (!isObj(raw)) return malformed(path, "expected a status object");
  const event: StatusEvent = {
    kind: "status",
    ...scope,
    id: reqStr(raw, "id", path),
    recipientId: optStr(raw, "recipient_id") ?? optStr(raw, "recipient_user_id") ?? "",
    status: reqStr(raw, "status", path),
    timestamp: reqTime(raw, "timestamp", path),
    raw,
  };
  const errors = readErrors(optArr(raw, "errors", path));
  if (errors.length > 0) event.errors = errors;
  const conv = raw.conversation;
  if (isObj(conv) && typeof conv.id === "string") {
    event.conversation = { id: conv.id };
    if (isObj(conv.origin) && typeof conv.origin.type === "string") event.conversation.originType = conv.origin.type;
    const exp = Number(conv.expiration_timestamp);
    if (conv.expiration_timestamp !== undefined && Number.isFinite(exp))
      event.conversation.expiresAt = new Date(exp * 1000);
  }
  const pricing = raw.pricing;
  if (isObj(pricing)) {
    event.pricing = pickStrings(pricing, { pricing_model: "pricingModel", category: "category", type: "type" });
    if (typeof pricing.billable === "boolean") event.pricing.billable = pricing.billable;
  }
  const opaque = optStr(raw, "biz_opaque_callback_data");
  if (opaque !== undefined) event.bizOpaqueCallbackData = opaque;
  return event;
}

/** Reads the `messages` field: every message and status, the change's own `errors`, then the rest. */
export function readMessagesField(value: Obj, change: Change): void {
  const scope = numberScope(value, change);
  const names = contactNames(value, change);
  eachItem(value, "messages", change, (raw, path) => {
    const event = message(raw, path, scope, names);
    change.out.push(event);
    // Message-level errors (an `unsupported` message says why) are error events too, tied to their message.
    for (const error of readErrors(optArr(event.raw, "errors", path))) {
      change.out.push({ kind: "error", ...scope, error, messageId: event.id, from: event.from });
    }
    return undefined;
  });
  eachItem(value, "statuses", change, (raw, path) => readStatus(raw, path, scope));
  readValueErrors(value, scope, change);
  readMessagesRest(value, scope, change);
}

/** The change's own `errors` (not tied to one item) as error events. */
export function readValueErrors(value: Obj, scope: NumberScope, change: Change): void {
  const errors = part(change.skip, `${change.path}.errors`, () => optArr(value, "errors", change.path)) ?? [];
  for (const error of readErrors(errors)) change.out.push({ kind: "error", ...scope, error } satisfies ErrorEvent);
}
