import { listSchema, replyButtonsSchema, textBody } from "../messages/schemas.js";
import type { ListContent, ReplyButtonsContent } from "../messages/types.js";
import { validate } from "../validation.js";

/**
 * WhatsApp's limits on what a bot sends, checked exactly as {@link WhatsAppClient} checks them before a
 * send — for test doubles that record messages instead of sending them, so a conversation test fails
 * where WhatsApp would refuse the message (a 21-character button title, a list of two sections without
 * titles, an 11th row…). Each throws the client's `WhatsAppValidationError`, naming the field.
 * @example
 * checkSendable.list({ body: "Missions", button: "Voir", sections: [{ rows: [{ id: "m1", title: "M-1" }] }] });
 */
export const checkSendable = {
  /** A text message's body (1–4 096 characters). */
  text(body: string): void {
    validate(textBody, body, "body");
  },
  /** Reply buttons: one to three, titles ≤ 20 characters and unique, ids unique. */
  replyButtons(content: ReplyButtonsContent): void {
    validate(replyButtonsSchema, content, "content");
  },
  /** A list: button ≤ 20, at most 10 rows in all, row titles ≤ 24, a title on each section once there are several. */
  list(content: ListContent): void {
    validate(listSchema, content, "content");
  },
} as const;
