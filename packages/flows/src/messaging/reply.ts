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
} from "./messenger.js";

/** One outbound message a step or flow asks the engine to send. */
export type Reply =
  | { type: "text"; body: string }
  | { type: "buttons"; body: string; buttons: ReplyButton[]; header?: string; footer?: string }
  | { type: "list"; body: string; button: string; sections: ListSection[]; header?: string; footer?: string }
  | { type: "image"; link: string; caption?: string }
  | { type: "location_request"; body: string }
  /** A location pin (e.g. where the driver is). */
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { type: "contacts"; contacts: ContactCard[] }
  | { type: "template"; template: TemplateMessage }
  /** A WhatsApp Flow form; a messenger without `sendFlow` sends its body as text. */
  | { type: "flow"; flow: FlowMessage }
  /** Products of a Meta catalogue; a messenger without `sendProductList` sends `fallback` (names and prices) as text. */
  | { type: "product_list"; list: ProductListMessage; fallback: string }
  /** The catalogue connected to the number; a messenger without `sendCatalog` sends `fallback` as text. */
  | { type: "catalog"; catalog: CatalogMessage; fallback: string };

/** Sends one {@link Reply} through a {@link Messenger}. */
export function sendReply(messenger: Messenger, to: string, reply: Reply): Promise<SentMessage> {
  switch (reply.type) {
    case "text":
      return messenger.sendText(to, reply.body);
    case "buttons":
      return messenger.sendReplyButtons(to, {
        body: reply.body,
        buttons: reply.buttons,
        ...(reply.header === undefined ? {} : { header: reply.header }),
        ...(reply.footer === undefined ? {} : { footer: reply.footer }),
      });
    case "list":
      return messenger.sendList(to, {
        body: reply.body,
        button: reply.button,
        sections: reply.sections,
        ...(reply.header === undefined ? {} : { header: reply.header }),
        ...(reply.footer === undefined ? {} : { footer: reply.footer }),
      });
    case "image":
      return messenger.sendImage(to, {
        link: reply.link,
        ...(reply.caption === undefined ? {} : { caption: reply.caption }),
      });
    case "location_request":
      return messenger.sendLocationRequest(to, reply.body);
    case "location": {
      const { type: _, ...pin } = reply;
      // A messenger without pins still gets the place across, as a map link.
      return messenger.sendLocation
        ? messenger.sendLocation(to, pin)
        : messenger.sendText(
            to,
            `📍 ${[pin.name, `https://maps.google.com/?q=${pin.latitude},${pin.longitude}`].filter(Boolean).join(" ")}`,
          );
    }
    case "contacts":
      return messenger.sendContacts(to, reply.contacts);
    case "template":
      return messenger.sendTemplate(to, reply.template);
    case "flow":
      return messenger.sendFlow ? messenger.sendFlow(to, reply.flow) : messenger.sendText(to, reply.flow.body);
    case "product_list":
      return messenger.sendProductList
        ? messenger.sendProductList(to, reply.list)
        : messenger.sendText(to, reply.fallback);
    case "catalog":
      return messenger.sendCatalog ? messenger.sendCatalog(to, reply.catalog) : messenger.sendText(to, reply.fallback);
  }
}

/** Short helpers to build replies in flows. */
export const reply = {
  text: (body: string): Reply => ({ type: "text", body }),
  buttons: (body: string, buttons: ReplyButton[], extra: { header?: string; footer?: string } = {}): Reply => ({
    type: "buttons",
    body,
    buttons,
    ...extra,
  }),
  list: (
    body: string,
    button: string,
    sections: ListSection[],
    extra: { header?: string; footer?: string } = {},
  ): Reply => ({ type: "list", body, button, sections, ...extra }),
  image: (link: string, caption?: string): Reply => ({
    type: "image",
    link,
    ...(caption === undefined ? {} : { caption }),
  }),
  locationRequest: (body: string): Reply => ({ type: "location_request", body }),
  location: (pin: { latitude: number; longitude: number; name?: string; address?: string }): Reply => ({
    type: "location",
    ...pin,
  }),
  contacts: (contacts: ContactCard[]): Reply => ({ type: "contacts", contacts }),
};

/** Truncates a title to WhatsApp's limit (20 for buttons, 24 for list rows) with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
