import { checkSendable } from "@toktok/whatsapp-client/testing";
import type {
  CatalogMessage,
  ContactCard,
  FlowMessage,
  ListSection,
  Messenger,
  ProductListMessage,
  ReplyButton,
  SentMessage,
  TemplateMessage,
} from "../messaging/messenger.js";
import type { Reply } from "../messaging/reply.js";

/** One message a {@link RecordingMessenger} "sent". */
export type RecordedMessage = Reply & { to: string; messageId: string };

/**
 * A {@link Messenger} that records every send in memory instead of calling WhatsApp:
 * the outbound side of {@link createTestConversation}, usable on its own for notifications.
 * Texts, buttons and lists are held to WhatsApp's limits as `WhatsAppClient` holds them (a send
 * WhatsApp would refuse rejects with the client's `WhatsAppValidationError`), so a flow test fails
 * where the real chat would.
 */
export class RecordingMessenger implements Messenger {
  /** Every message, in send order. */
  readonly sent: RecordedMessage[] = [];
  readonly #failures: unknown[] = [];
  #count = 0;

  /** Makes the next send reject with `error` (e.g. a 24-hour-window error), then behave again. */
  failNextSend(error: unknown): void {
    this.#failures.push(error);
  }

  /** Messages sent to one number. */
  to(recipient: string): RecordedMessage[] {
    return this.sent.filter((m) => m.to === recipient);
  }

  #record(to: string, reply: Reply, check?: () => void): Promise<SentMessage> {
    if (this.#failures.length > 0) return Promise.reject(this.#failures.shift());
    try {
      check?.();
    } catch (error) {
      return Promise.reject(error);
    }
    this.#count += 1;
    const messageId = `wamid.out.${this.#count}`;
    this.sent.push({ ...reply, to, messageId });
    return Promise.resolve({ messageId });
  }

  sendText(to: string, body: string): Promise<SentMessage> {
    return this.#record(to, { type: "text", body }, () => checkSendable.text(body));
  }

  sendReplyButtons(
    to: string,
    message: { body: string; buttons: ReplyButton[]; header?: string; footer?: string },
  ): Promise<SentMessage> {
    return this.#record(to, { type: "buttons", ...message }, () => checkSendable.replyButtons(message));
  }

  sendList(
    to: string,
    message: { body: string; button: string; sections: ListSection[]; header?: string; footer?: string },
  ): Promise<SentMessage> {
    return this.#record(to, { type: "list", ...message }, () => checkSendable.list(message));
  }

  sendImage(to: string, media: { link: string; caption?: string }): Promise<SentMessage> {
    return this.#record(to, { type: "image", ...media });
  }

  sendLocationRequest(to: string, body: string): Promise<SentMessage> {
    return this.#record(to, { type: "location_request", body });
  }

  sendLocation(
    to: string,
    location: { latitude: number; longitude: number; name?: string; address?: string },
  ): Promise<SentMessage> {
    return this.#record(to, { type: "location", ...location });
  }

  sendContacts(to: string, contacts: ContactCard[]): Promise<SentMessage> {
    return this.#record(to, { type: "contacts", contacts });
  }

  sendTemplate(to: string, template: TemplateMessage): Promise<SentMessage> {
    return this.#record(to, { type: "template", template });
  }

  sendFlow(to: string, flow: FlowMessage): Promise<SentMessage> {
    return this.#record(to, { type: "flow", flow });
  }

  /** Recorded with the list's body as its text (the fallback is the sender's, not sent here). */
  sendProductList(to: string, list: ProductListMessage): Promise<SentMessage> {
    return this.#record(to, { type: "product_list", list, fallback: list.body });
  }

  /** Recorded with the message's body as its text (the fallback is the sender's, not sent here). */
  sendCatalog(to: string, catalog: CatalogMessage): Promise<SentMessage> {
    return this.#record(to, { type: "catalog", catalog, fallback: catalog.body });
  }

  /** Ids passed to `markAsRead`, in order. */
  readonly read: string[] = [];

  async markAsRead(messageId: string): Promise<unknown> {
    this.read.push(messageId);
    return { success: true };
  }
}

/** The readable text of a message: body, caption, contact names or template name. */
export function textOf(m: Reply): string {
  switch (m.type) {
    case "text":
    case "buttons":
    case "list":
    case "location_request":
      return m.body;
    case "image":
      return m.caption ?? "";
    case "location":
      return [m.name, m.address, `(${m.latitude}, ${m.longitude})`].filter(Boolean).join(" ");
    case "contacts":
      return m.contacts.map((c) => c.name.formattedName).join(", ");
    case "template":
      return m.template.name;
    case "flow":
      return m.flow.body;
    case "product_list":
      return m.list.body;
    case "catalog":
      return m.catalog.body;
  }
}

/** Ids and titles of the buttons and list rows a message offers. */
export function optionsOf(m: Reply): Array<{ id: string; title: string }> {
  if (m.type === "buttons") return m.buttons;
  if (m.type === "list") return m.sections.flatMap((s) => s.rows);
  return [];
}
