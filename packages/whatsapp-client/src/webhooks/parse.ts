import { WebhookError } from "../errors.js";
import { readContext, readInboundMessage, readReferral } from "./parse-message.js";
import {
  isObj,
  malformed,
  type Obj,
  optArr,
  optStr,
  pickStrings,
  readErrors,
  reqObj,
  reqStr,
  reqTime,
} from "./read.js";
import type { MessageEvent, StatusEvent, WebhookEvent } from "./types.js";

interface Scope {
  businessAccountId: string;
  phoneNumberId: string;
  displayPhoneNumber?: string;
}

function decode(input: unknown): unknown {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) return input;
  const text = typeof input === "string" ? input : new TextDecoder().decode(input);
  try {
    return JSON.parse(text);
  } catch {
    throw new WebhookError("INVALID_PAYLOAD", "Malformed webhook payload: body is not JSON", "(root)");
  }
}

function message(raw: unknown, path: string, scope: Scope, names: Map<string, string>): MessageEvent {
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
  const name = names.get(from) ?? (names.size === 1 ? names.values().next().value : undefined);
  if (name !== undefined) event.contactName = name;
  const context = readContext(raw);
  if (context) event.context = context;
  const referral = readReferral(raw);
  if (referral) event.referral = referral;
  return event;
}

function status(raw: unknown, path: string, scope: Scope): StatusEvent {
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

/** Reports a skipped part in lenient mode; rethrows in strict mode (no `onInvalid`). */
type Skip = (error: unknown, path: string) => void;

function lenient(onInvalid: (error: WebhookError) => void): Skip {
  return (error, path) => {
    // A bug of ours on odd input must not cost the rest of the delivery either: it is reported like a malformed part.
    const reported = WebhookError.isInstance(error)
      ? error
      : new WebhookError("INVALID_PAYLOAD", "Malformed webhook payload: unreadable part", path);
    onInvalid(reported);
  };
}

/** Runs `read` for one part; in lenient mode a failure is reported and the part skipped (`undefined`). */
function part<T>(skip: Skip | undefined, path: string, read: () => T): T | undefined {
  if (!skip) return read();
  try {
    return read();
  } catch (error) {
    skip(error, path);
    return undefined;
  }
}

function change(value: Obj, path: string, businessAccountId: string, out: WebhookEvent[], skip?: Skip): void {
  const metadata = reqObj(value, "metadata", path);
  const scope: Scope = { businessAccountId, phoneNumberId: reqStr(metadata, "phone_number_id", `${path}.metadata`) };
  const display = optStr(metadata, "display_phone_number");
  if (display !== undefined) scope.displayPhoneNumber = display;
  const list = (key: string): unknown[] => part(skip, `${path}.${key}`, () => optArr(value, key, path)) ?? [];
  const names = new Map<string, string>();
  for (const c of list("contacts")) {
    if (isObj(c) && typeof c.wa_id === "string" && isObj(c.profile) && typeof c.profile.name === "string") {
      names.set(c.wa_id, c.profile.name);
    }
  }
  list("messages").forEach((m, i) => {
    const p = `${path}.messages[${i}]`;
    const event = part(skip, p, () => message(m, p, scope, names));
    if (event) out.push(event);
  });
  list("statuses").forEach((s, i) => {
    const p = `${path}.statuses[${i}]`;
    const event = part(skip, p, () => status(s, p, scope));
    if (event) out.push(event);
  });
  for (const error of readErrors(list("errors"))) out.push({ kind: "error", ...scope, error });
}

/** Options of {@link parseWebhookPayload}. */
export interface ParseWebhookOptions {
  /**
   * Lenient mode: a malformed entry, change, message or status is skipped and
   * handed here (its `path` says where), and the rest of the delivery is
   * returned. Without it, the first malformed part throws. A root that is not
   * a JSON object of `whatsapp_business_account` with an `entry` array throws
   * in both modes.
   */
  onInvalid?: (error: WebhookError) => void;
}

/**
 * Turns a webhook delivery into events: every entry, change, message, status
 * and error, in order. Accepts the parsed JSON or the raw body (string or bytes).
 * Changes of other fields than `messages` (template and account updates) are skipped.
 *
 * @throws {WebhookError} `INVALID_PAYLOAD` naming the path of the malformed part (only for the root
 * when `options.onInvalid` is given).
 * @example
 * for (const event of parseWebhookPayload(body)) {
 *   if (event.kind === "message" && event.message.type === "text") console.log(event.from, event.message.text);
 * }
 * // Keep the valid events of a delivery that holds a malformed one:
 * const events = parseWebhookPayload(body, { onInvalid: (e) => logger.warn("skipped", { path: e.path }) });
 */
export function parseWebhookPayload(payload: unknown, options: ParseWebhookOptions = {}): WebhookEvent[] {
  const root = decode(payload);
  if (!isObj(root)) return malformed("(root)", "expected a JSON object");
  if (root.object !== undefined && root.object !== "whatsapp_business_account") {
    return malformed("object", `expected "whatsapp_business_account", got ${JSON.stringify(root.object)}`);
  }
  if (!Array.isArray(root.entry)) return malformed("entry", "expected an array");
  const skip = options.onInvalid ? lenient(options.onInvalid) : undefined;
  const out: WebhookEvent[] = [];
  for (let e = 0; e < root.entry.length; e++) {
    const entry: unknown = root.entry[e];
    const ep = `entry[${e}]`;
    const read = part(skip, ep, () => {
      if (!isObj(entry)) return malformed(ep, "expected an object");
      return { businessAccountId: reqStr(entry, "id", ep), changes: optArr(entry, "changes", ep) };
    });
    if (!read) continue;
    for (let c = 0; c < read.changes.length; c++) {
      const ch = read.changes[c];
      const cp = `${ep}.changes[${c}]`;
      part(skip, cp, () => {
        if (!isObj(ch)) return malformed(cp, "expected an object");
        if (ch.field !== "messages") return;
        change(reqObj(ch, "value", cp), `${cp}.value`, read.businessAccountId, out, skip);
      });
    }
  }
  return out;
}
