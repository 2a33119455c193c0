import type { InboundContact, InboundContext, InboundMedia, InboundMessage, InboundReferral } from "./message-types.js";
import { isObj, malformed, type Obj, optArr, optStr, pickStrings, readErrors, reqNum, reqObj, reqStr } from "./read.js";

const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);

function media(type: InboundMedia["type"], o: Obj, path: string): InboundMedia {
  const m = reqObj(o, type, path);
  const p = `${path}.${type}`;
  const out: InboundMedia = { type, mediaId: reqStr(m, "id", p), mimeType: optStr(m, "mime_type") ?? "" };
  const extra = pickStrings(m, { sha256: "sha256", caption: "caption", filename: "filename", url: "url" });
  Object.assign(out, extra);
  if (typeof m.voice === "boolean") out.voice = m.voice;
  if (typeof m.animated === "boolean") out.animated = m.animated;
  return out;
}

function contact(c: unknown, path: string): InboundContact {
  if (!isObj(c)) return malformed(path, "expected a contact object");
  const name = isObj(c.name) ? c.name : {};
  const list = (key: string, keys: Readonly<Record<string, string>>) =>
    optArr(c, key, path)
      .filter(isObj)
      .map((item) => pickStrings(item, keys));
  const out: InboundContact = {
    name: {
      formattedName: optStr(name, "formatted_name") ?? "",
      ...pickStrings(name, { first_name: "firstName", last_name: "lastName" }),
    },
    phones: list("phones", { phone: "phone", wa_id: "waId", type: "type" }),
    emails: list("emails", { email: "email", type: "type" }),
    urls: list("urls", { url: "url", type: "type" }),
    addresses: list("addresses", {
      street: "street",
      city: "city",
      state: "state",
      zip: "zip",
      country: "country",
      country_code: "countryCode",
      type: "type",
    }),
  };
  if (isObj(c.org)) out.org = pickStrings(c.org, { company: "company", department: "department", title: "title" });
  const birthday = optStr(c, "birthday");
  if (birthday !== undefined) out.birthday = birthday;
  return out;
}

function interactive(o: Obj, path: string): InboundMessage {
  const i = reqObj(o, "interactive", path);
  const p = `${path}.interactive`;
  const type = reqStr(i, "type", p);
  if (type === "button_reply" || type === "list_reply") {
    const r = reqObj(i, type, p);
    const rp = `${p}.${type}`;
    const replyId = reqStr(r, "id", rp);
    const title = optStr(r, "title") ?? "";
    if (type === "button_reply") return { type, replyId, title };
    const description = optStr(r, "description");
    return description === undefined ? { type, replyId, title } : { type, replyId, title, description };
  }
  if (type === "nfm_reply") {
    const r = reqObj(i, "nfm_reply", p);
    const json = optStr(r, "response_json");
    let response: unknown = json;
    if (json !== undefined) {
      try {
        response = JSON.parse(json);
      } catch {
        response = json; // kept as text: a Flow answer that is not JSON is still the user's answer
      }
    }
    return { type: "nfm_reply", response, ...pickStrings(r, { name: "name", body: "body" }) };
  }
  return unsupported(`interactive.${type}`, o, path);
}

/** Types whose content sits under a key named after the type (`"text": { … }`). */
const CONTENT_TYPES = new Set([
  ...MEDIA_TYPES,
  "text",
  "location",
  "contacts",
  "interactive",
  "button",
  "reaction",
  "order",
  "system",
  "edit",
  "revoke",
]);

function unsupported(type: string, o: Obj, path: string): InboundMessage {
  return { type: "unsupported", originalType: type, errors: readErrors(optArr(o, "errors", path)), raw: o };
}

/**
 * Reads the content of one message object by its `type`. Unknown types, and known types sent without
 * their content object (Meta's `interactive` + 131000 for a reply it could not deliver), become
 * `unsupported`; a content object that is there but malformed throws, naming its path.
 */
export function readInboundMessage(o: Obj, path: string): InboundMessage {
  const type = reqStr(o, "type", path);
  if (CONTENT_TYPES.has(type) && (o[type] === undefined || o[type] === null)) return unsupported(type, o, path);
  if (MEDIA_TYPES.has(type)) return media(type as InboundMedia["type"], o, path);
  switch (type) {
    case "text":
      return { type, text: reqStr(reqObj(o, "text", path), "body", `${path}.text`) };
    case "location": {
      const l = reqObj(o, "location", path);
      const p = `${path}.location`;
      return {
        type,
        latitude: reqNum(l, "latitude", p),
        longitude: reqNum(l, "longitude", p),
        ...pickStrings(l, { name: "name", address: "address", url: "url" }),
      };
    }
    case "contacts":
      return { type, contacts: optArr(o, "contacts", path).map((c, i) => contact(c, `${path}.contacts[${i}]`)) };
    case "interactive":
      return interactive(o, path);
    case "button": {
      const b = reqObj(o, "button", path);
      return { type, payload: optStr(b, "payload") ?? "", text: optStr(b, "text") ?? "" };
    }
    case "reaction": {
      const r = reqObj(o, "reaction", path);
      const emoji = optStr(r, "emoji");
      const messageId = reqStr(r, "message_id", `${path}.reaction`);
      return emoji === undefined || emoji === "" ? { type, messageId } : { type, messageId, emoji };
    }
    case "order": {
      const ord = reqObj(o, "order", path);
      const p = `${path}.order`;
      const items = optArr(ord, "product_items", p).map((it, i) => {
        const ip = `${p}.product_items[${i}]`;
        if (!isObj(it)) return malformed(ip, "expected an object");
        return {
          productRetailerId: reqStr(it, "product_retailer_id", ip),
          quantity: reqNum(it, "quantity", ip),
          itemPrice: reqNum(it, "item_price", ip),
          currency: optStr(it, "currency") ?? "",
        };
      });
      const text = optStr(ord, "text");
      const catalogId = reqStr(ord, "catalog_id", p);
      return text === undefined ? { type, catalogId, items } : { type, catalogId, text, items };
    }
    case "system": {
      const s = reqObj(o, "system", path);
      return {
        type,
        body: optStr(s, "body") ?? "",
        ...pickStrings(s, { type: "systemType", new_wa_id: "newWaId", wa_id: "waId", marketing: "marketing" }),
      };
    }
    case "edit": {
      const e = reqObj(o, "edit", path);
      const p = `${path}.edit`;
      return {
        type,
        originalMessageId: reqStr(e, "original_message_id", p),
        edited: readInboundMessage(reqObj(e, "message", p), `${p}.message`),
      };
    }
    case "revoke":
      return { type, originalMessageId: reqStr(reqObj(o, "revoke", path), "original_message_id", `${path}.revoke`) };
    case "request_welcome":
      return { type };
    default:
      return unsupported(type, o, path);
  }
}

export function readContext(o: Obj): InboundContext | undefined {
  const c = o.context;
  if (!isObj(c)) return undefined;
  const out: InboundContext = pickStrings(c, { id: "id", from: "from" });
  if (typeof c.forwarded === "boolean") out.forwarded = c.forwarded;
  if (typeof c.frequently_forwarded === "boolean") out.frequentlyForwarded = c.frequently_forwarded;
  const rp = c.referred_product;
  if (isObj(rp)) {
    out.referredProduct = {
      catalogId: optStr(rp, "catalog_id") ?? "",
      productRetailerId: optStr(rp, "product_retailer_id") ?? "",
    };
  }
  return out;
}

export function readReferral(o: Obj): InboundReferral | undefined {
  const r = o.referral;
  if (!isObj(r)) return undefined;
  return pickStrings(r, {
    source_url: "sourceUrl",
    source_id: "sourceId",
    source_type: "sourceType",
    headline: "headline",
    body: "body",
    media_type: "mediaType",
    image_url: "imageUrl",
    video_url: "videoUrl",
    thumbnail_url: "thumbnailUrl",
    ctwa_clid: "ctwaClid",
  });
}
