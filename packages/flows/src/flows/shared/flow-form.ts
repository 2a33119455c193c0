// What the bot's WhatsApp Flow forms (courier request, merchant sign-up) share: the token naming the
// form a conversation waits for, and the Footer that sends every field back in the completion.
import { randomBytes } from "node:crypto";
import { type FlowComponent, flowComplete, flowFooter, formRef } from "@toktok/whatsapp-client";

/**
 * A fresh `flow_token` for a `kind` form sent to `waId`: `<kind>:<waId>:<128 random bits>`, so it cannot
 * be guessed; the session keeps it as its live form (`Session.flowToken`).
 */
export function formToken(kind: string, waId: string): string {
  return `${kind}:${waId}:${randomBytes(16).toString("base64url")}`;
}

/** The Footer labelled `label` that ends the Flow with every field of `fields` (`{ field: ${form.field} }`). */
export function sendEveryField(label: string, fields: readonly string[]): FlowComponent {
  return flowFooter(label, flowComplete(Object.fromEntries(fields.map((f) => [f, formRef(f)]))));
}
