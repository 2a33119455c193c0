import type { ContactCard } from "./types.js";

/** Media as validated: exactly one of link or id, checked by the schema. */
export interface ValidMedia {
  link?: string | undefined;
  id?: string | undefined;
  caption?: string | undefined;
  filename?: string | undefined;
}

/** An interactive header as validated. */
export type ValidHeader = string | { image: ValidMedia } | { video: ValidMedia } | { document: ValidMedia };

/** A JSON object as sent to the Graph API. */
export type WireObject = Record<string, unknown>;

/** The common envelope of every message request. */
export function envelope(to: string, type: string, content: unknown, replyTo: string | undefined): WireObject {
  const body: WireObject = { messaging_product: "whatsapp", recipient_type: "individual", to, type, [type]: content };
  if (replyTo !== undefined) body.context = { message_id: replyTo };
  return body;
}

/** Copies only the defined keys, so `undefined` never reaches the wire. */
export function defined(source: Record<string, unknown>): WireObject {
  const out: WireObject = {};
  for (const key in source) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

export function mediaObject(media: ValidMedia): WireObject {
  return defined({ id: media.id, link: media.link, caption: media.caption, filename: media.filename });
}

export function headerObject(header: ValidHeader): WireObject {
  if (typeof header === "string") return { type: "text", text: header };
  if ("image" in header) return { type: "image", image: mediaObject(header.image) };
  if ("video" in header) return { type: "video", video: mediaObject(header.video) };
  return { type: "document", document: mediaObject(header.document) };
}

export function contactObject(card: ContactCard): WireObject {
  return defined({
    name: defined({
      formatted_name: card.name.formattedName,
      first_name: card.name.firstName,
      last_name: card.name.lastName,
      middle_name: card.name.middleName,
      prefix: card.name.prefix,
      suffix: card.name.suffix,
    }),
    phones: card.phones?.map((p) => defined({ phone: p.phone, type: p.type, wa_id: p.waId })),
    emails: card.emails?.map((e) => defined({ email: e.email, type: e.type })),
    org: card.org ? defined({ ...card.org }) : undefined,
    urls: card.urls?.map((u) => defined({ url: u.url, type: u.type })),
    addresses: card.addresses?.map((a) =>
      defined({
        street: a.street,
        city: a.city,
        state: a.state,
        zip: a.zip,
        country: a.country,
        country_code: a.countryCode,
        type: a.type,
      }),
    ),
    birthday: card.birthday,
  });
}

/** Wraps body/header/footer around an interactive action. */
export function interactive(
  type: string,
  body: string,
  action: WireObject,
  header: ValidHeader | undefined,
  footer: string | undefined,
): WireObject {
  const out: WireObject = { type };
  if (header !== undefined) out.header = headerObject(header);
  out.body = { text: body };
  if (footer !== undefined) out.footer = { text: footer };
  out.action = action;
  return out;
}
