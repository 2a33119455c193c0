import { WebhookError } from "../errors.js";
import { FIELD_READERS } from "./fields.js";
import { type Change, lenient, part, type Skip } from "./parse-context.js";
import { isObj, malformed, type Obj, optArr, optStr, optTime, reqStr } from "./read.js";
import type { WebhookEvent } from "./types.js";

function decode(input: unknown): unknown {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) return input;
  const text = typeof input === "string" ? input : new TextDecoder().decode(input);
  try {
    return JSON.parse(text);
  } catch {
    throw new WebhookError("WHATSAPP_INVALID_PAYLOAD", "Malformed webhook payload: body is not JSON", "(root)");
  }
}

/** The entries of a delivery; throws for a root that is not a WhatsApp Business Account delivery. */
function entries(root: unknown): unknown[] {
  if (!isObj(root)) return malformed("(root)", "expected a JSON object");
  if (root.object !== undefined && root.object !== "whatsapp_business_account") {
    return malformed("object", `expected "whatsapp_business_account", got ${JSON.stringify(root.object)}`);
  }
  if (!Array.isArray(root.entry)) return malformed("entry", "expected an array");
  return root.entry;
}

function readChange(
  ch: unknown,
  path: string,
  businessAccountId: string,
  time: Date | undefined,
  out: WebhookEvent[],
  skip: Skip | undefined,
): void {
  if (!isObj(ch)) malformed(path, "expected an object");
  const field = reqStr(ch, "field", path);
  const value = ch.value;
  const reader = FIELD_READERS.get(field);
  if (!reader) {
    // A field Meta added after this version: handed over whole, for the caller to log or read.
    const metadata = isObj(value) && isObj(value.metadata) ? value.metadata : undefined;
    const phoneNumberId = metadata ? optStr(metadata, "phone_number_id") : undefined;
    out.push({ kind: "unknown", businessAccountId, field, ...(phoneNumberId ? { phoneNumberId } : {}), raw: value });
    return;
  }
  if (!isObj(value)) malformed(`${path}.value`, "expected an object");
  const change: Change = { businessAccountId, field, path: `${path}.value`, time, out, skip };
  reader(value as Obj, change);
}

/** Options of {@link parseWebhookPayload}. */
export interface ParseWebhookOptions {
  /**
   * Lenient mode: a malformed entry, change, message, status or other item is skipped and handed
   * here (its `path` says where), and the rest of the delivery is returned; so is a JSON body that
   * is not a WhatsApp Business Account delivery at all (reported once, no event). Without it, the
   * first malformed part throws. A body that is not JSON throws in both modes.
   */
  onInvalid?: (error: WebhookError) => void;
}

/**
 * Turns a webhook delivery into events: every entry, change, message, status, error, call, template,
 * account and number update, in order. Accepts the parsed JSON or the raw body (string or bytes).
 * A field this version does not know becomes an `unknown` event carrying its value.
 *
 * @throws {WebhookError} `WHATSAPP_INVALID_PAYLOAD` naming the path of the malformed part (with
 * `options.onInvalid`, only for a body that is not JSON).
 * @example
 * for (const event of parseWebhookPayload(body)) {
 *   if (event.kind === "message" && event.message.type === "text") logger.info("text", { from: event.from });
 *   if (event.kind === "template_status") registry.apply(event);
 * }
 * // Keep the valid events of a delivery that holds a malformed one:
 * const events = parseWebhookPayload(body, { onInvalid: (e) => logger.warn("skipped", { path: e.path }) });
 */
export function parseWebhookPayload(payload: unknown, options: ParseWebhookOptions = {}): WebhookEvent[] {
  const root = decode(payload);
  const skip = options.onInvalid ? lenient(options.onInvalid) : undefined;
  const list = part(skip, "(root)", () => entries(root));
  const out: WebhookEvent[] = [];
  if (!list) return out;
  for (let e = 0; e < list.length; e++) {
    const entry: unknown = list[e];
    const ep = `entry[${e}]`;
    const read = part(skip, ep, () => {
      if (!isObj(entry)) return malformed(ep, "expected an object");
      return {
        businessAccountId: reqStr(entry, "id", ep),
        time: optTime(entry, "time"),
        changes: optArr(entry, "changes", ep),
      };
    });
    if (!read) continue;
    for (let c = 0; c < read.changes.length; c++) {
      const cp = `${ep}.changes[${c}]`;
      part(skip, cp, () => readChange(read.changes[c], cp, read.businessAccountId, read.time, out, skip));
    }
  }
  return out;
}
