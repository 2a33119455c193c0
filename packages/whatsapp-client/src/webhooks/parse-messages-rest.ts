// The rest of the `messages` field's value: users' actions on what the business sent, and any part
// this version does not read, handed over as an `unknown` event so nothing Meta sends is dropped.
import type { NumberScope } from "./event-base.js";
import type { UserActionEvent } from "./number-events.js";
import { type Change, eachItem } from "./parse-context.js";
import { isObj, malformed, type Obj, pickStrings, reqStr, reqTime } from "./read.js";

/** The keys of a `messages` value that have a reader (or, like `messaging_product`, carry no event). */
const READ_KEYS = new Set([
  "messaging_product",
  "metadata",
  "contacts",
  "messages",
  "statuses",
  "errors",
  "user_actions",
]);

function userAction(raw: unknown, path: string, scope: NumberScope): UserActionEvent {
  if (!isObj(raw)) return malformed(path, "expected a user action object");
  const event: UserActionEvent = {
    kind: "user_action",
    ...scope,
    actionType: reqStr(raw, "action_type", path),
    timestamp: reqTime(raw, "timestamp", path),
    raw,
  };
  const click = raw.marketing_messages_link_click_data;
  if (isObj(click)) {
    event.linkClick = pickStrings(click, {
      click_component: "clickComponent",
      click_id: "clickId",
      product_id: "productId",
      tracking_token: "trackingToken",
    });
  }
  return event;
}

/**
 * Reads `user_actions[]`, then hands each array of the value that has no reader over whole as one
 * `unknown` event (`key`, `raw`): one loop over the value's few keys per change, nothing per message.
 */
export function readMessagesRest(value: Obj, scope: NumberScope, change: Change): void {
  // Checked first so that a plain text delivery pays no path string, closure or empty array here.
  if (value.user_actions !== undefined) {
    eachItem(value, "user_actions", change, (raw, path) => userAction(raw, path, scope));
  }
  for (const key in value) {
    if (READ_KEYS.has(key)) continue;
    const raw = value[key];
    // Meta sends every list of events as an array; a scalar or object beside them (a version tag,
    // some settings) is no list of events, and an empty array holds nothing to lose.
    if (!Array.isArray(raw) || raw.length === 0) continue;
    change.out.push({
      kind: "unknown",
      businessAccountId: scope.businessAccountId,
      field: change.field,
      phoneNumberId: scope.phoneNumberId,
      key,
      raw,
    });
  }
}
