import type { ListSection, ReplyButton } from "@toktok/whatsapp-client";

/** What every send resolves to: the WhatsApp message id (`wamid.…`). */
export interface SentMessage {
  messageId: string;
}

// A reply button (at most 3 a message, title ≤ 20 characters), a list's rows and sections: the
// client's own types, so the port cannot drift from what WhatsAppClient sends.
export type { ListRow, ListSection, ReplyButton } from "@toktok/whatsapp-client";

/** A contact card in the camelCase shape of `@toktok/whatsapp-client`. */
export interface ContactCard {
  name: { formattedName: string; firstName?: string; lastName?: string };
  phones?: Array<{ phone: string; type?: string; waId?: string }>;
  org?: { company?: string; title?: string };
}

/**
 * A template component in the Graph API shape (`{ type: "body", parameters: [{ type: "text", text }] }`);
 * build them with the typed helpers of `@toktok/whatsapp-client`.
 */
export interface TemplateComponent {
  type: string;
  parameters?: ReadonlyArray<{ type: string }>;
}

/** A template send: approved template name, language code (`"fr"`) and its parameters. */
export interface TemplateMessage {
  name: string;
  language: string;
  components?: TemplateComponent[];
}

/**
 * A WhatsApp Flow message, as `WhatsAppClient.sendFlow` takes it: opened on `screen` (navigate, with
 * the screen's `data`), or on the screen the business's data-exchange endpoint answers to `INIT`.
 */
export type FlowMessage = {
  flowId: string;
  /** Sent back with the completion: names the conversation the form belongs to. */
  flowToken: string;
  /** The button's text, at most 30 characters. */
  cta: string;
  body: string;
} & (
  | {
      mode: "navigate";
      screen: string;
      /** The first screen's data (e.g. the options of a dropdown), a non-empty object. */
      data?: Record<string, unknown>;
    }
  | { mode: "data_exchange" }
);

/** Most products one product-list message may carry (WhatsApp's limit, across its sections). */
export const MAX_LIST_PRODUCTS = 30;

/**
 * A multi-product message, as `WhatsAppClient.sendProductList` takes it: up to 30 products of one
 * Meta catalogue in up to 10 sections; the customer adds them to a cart that comes back as an `order`.
 */
export interface ProductListMessage {
  catalogId: string;
  /** Text header, at most 60 characters (required by WhatsApp). */
  header: string;
  body: string;
  footer?: string;
  /** A section title (at most 24 characters) is required once there are several sections. */
  sections: Array<{ title?: string; productRetailerIds: string[] }>;
}

/**
 * A catalogue message, as `WhatsAppClient.sendCatalog` takes it: a "View catalog" button opening the
 * whole Meta catalogue connected to the WhatsApp number (the message cannot name another catalogue).
 */
export interface CatalogMessage {
  body: string;
  /** The product whose image heads the message (its id in the catalogue). */
  thumbnailProductRetailerId: string;
  footer?: string;
}

/**
 * The subset of `WhatsAppClient` (from `@toktok/whatsapp-client`) the flows send with.
 * The real client satisfies it structurally; tests use `RecordingMessenger` from `@toktok/flows/testing`.
 */
export interface Messenger {
  sendText(to: string, body: string, options?: { replyTo?: string }): Promise<SentMessage>;
  sendReplyButtons(
    to: string,
    message: { body: string; buttons: ReplyButton[]; header?: string; footer?: string },
  ): Promise<SentMessage>;
  sendList(
    to: string,
    message: { body: string; button: string; sections: ListSection[]; header?: string; footer?: string },
  ): Promise<SentMessage>;
  sendImage(to: string, media: { link: string; caption?: string }): Promise<SentMessage>;
  sendLocationRequest(to: string, body: string): Promise<SentMessage>;
  /** Sends a location pin; without it a pin goes out as a text with a map link. */
  sendLocation?(
    to: string,
    location: { latitude: number; longitude: number; name?: string; address?: string },
  ): Promise<SentMessage>;
  sendContacts(to: string, contacts: ContactCard[]): Promise<SentMessage>;
  sendTemplate(to: string, template: TemplateMessage): Promise<SentMessage>;
  /** Sends a WhatsApp Flow (a form); without it a Flow goes out as its body text (the chat steps follow). */
  sendFlow?(to: string, flow: FlowMessage): Promise<SentMessage>;
  /** Sends a shop's products from its Meta catalogue; without it a product list goes out as its text fallback. */
  sendProductList?(to: string, list: ProductListMessage): Promise<SentMessage>;
  /** Sends the number's whole catalogue; without it a catalogue message goes out as its text fallback. */
  sendCatalog?(to: string, catalog: CatalogMessage): Promise<SentMessage>;
  markAsRead?(messageId: string, options?: { typing?: boolean }): Promise<unknown>;
}

/**
 * True when a send failed because the 24-hour customer-service window is closed
 * (Graph error 131047): only a template may be sent then.
 */
export function isOutsideWindowError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { requiresTemplate?: unknown; code?: unknown };
  return e.requiresTemplate === true || e.code === 131047;
}
