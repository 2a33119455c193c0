// What every field reader shares: where the change sits, where its events go, and how a
// malformed part is skipped (lenient mode) or thrown (strict mode).
import { WebhookError } from "../errors.js";
import type { NumberScope } from "./event-base.js";
import { type Obj, optArr, optStr, reqObj, reqStr } from "./read.js";
import type { WebhookEvent } from "./types.js";

/** Reports a skipped part in lenient mode; absent in strict mode, where the first failure throws. */
export type Skip = (error: unknown, path: string) => void;

/** One change of a delivery, as its field reader sees it. */
export interface Change {
  businessAccountId: string;
  /** `changes[].field`. */
  field: string;
  /** Path of the change's `value`, e.g. `entry[0].changes[1].value`. */
  path: string;
  /** `entry[].time`, when given. */
  time: Date | undefined;
  out: WebhookEvent[];
  skip: Skip | undefined;
}

/** Reads the events of one field's `value` into `change.out`. */
export type FieldReader = (value: Obj, change: Change) => void;

export function lenient(onInvalid: (error: WebhookError) => void): Skip {
  return (error, path) => {
    // A bug of ours on odd input must not cost the rest of the delivery either: it is reported like a malformed part.
    const reported = WebhookError.isInstance(error)
      ? error
      : new WebhookError("WHATSAPP_INVALID_PAYLOAD", "Malformed webhook payload: unreadable part", path);
    onInvalid(reported);
  };
}

/** Runs `read` for one part; in lenient mode a failure is reported and the part skipped (`undefined`). */
export function part<T>(skip: Skip | undefined, path: string, read: () => T): T | undefined {
  if (!skip) return read();
  try {
    return read();
  } catch (error) {
    skip(error, path);
    return undefined;
  }
}

/** The business number of a change that carries `metadata`. */
export function numberScope(value: Obj, change: Change): NumberScope {
  const metadata = reqObj(value, "metadata", change.path);
  const scope: NumberScope = {
    businessAccountId: change.businessAccountId,
    phoneNumberId: reqStr(metadata, "phone_number_id", `${change.path}.metadata`),
  };
  const display = optStr(metadata, "display_phone_number");
  if (display !== undefined) scope.displayPhoneNumber = display;
  return scope;
}

/**
 * Reads each item of the array `value[key]` with `read`, pushing what it returns; a malformed item
 * (or a non-array) is one skipped part, never the loss of its neighbours.
 */
export function eachItem(
  value: Obj,
  key: string,
  change: Change,
  read: (item: unknown, path: string) => WebhookEvent | undefined,
): void {
  const items = part(change.skip, `${change.path}.${key}`, () => optArr(value, key, change.path)) ?? [];
  for (let i = 0; i < items.length; i++) {
    const p = `${change.path}.${key}[${i}]`;
    const event = part(change.skip, p, () => read(items[i], p));
    if (event) change.out.push(event);
  }
}
