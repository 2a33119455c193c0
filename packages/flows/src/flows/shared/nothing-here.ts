import { encodePayload } from "../../messaging/payloads.js";
import type { Reply } from "../../messaging/reply.js";

/** "Nothing to do here" with a 🏠 Menu button, so an empty list is never a dead end. */
export function nothingHere(body: string, menuTitle: string): Reply {
  return { type: "buttons", body, buttons: [{ id: encodePayload("cmd", "menu"), title: menuTitle }] };
}
