import { WhatsAppValidationError } from "../errors.js";
import type {
  LocationParameter,
  MediaParameter,
  TemplateButtonComponent,
  TemplateCarouselCard,
  TemplateCarouselComponent,
  TemplateLimitedTimeOfferComponent,
  TemplateParameter,
} from "./types.js";

// Send-time components of the template kinds beyond header/body/quick reply/URL,
// in the shapes of Meta's template message references (copy-code and
// limited-time-offer, Flow, catalogue, multi-product and carousel templates).

const fail = (field: string, rule: string): never => {
  throw new WhatsAppValidationError([{ field, rule }]);
};

function buttonIndex(index: number): string {
  return Number.isInteger(index) && index >= 0 && index <= 9 ? String(index) : fail("index", "an integer from 0 to 9");
}

/** The code copied by the copy-code button at `index` (coupon templates, limited-time offers), at most 15 characters. */
export function copyCodeButton(index: number, code: string): TemplateButtonComponent {
  if (typeof code !== "string" || code === "" || code.length > 15) fail("code", "1 to 15 characters");
  return {
    type: "button",
    sub_type: "copy_code",
    index: buttonIndex(index),
    parameters: [{ type: "coupon_code", coupon_code: code }],
  };
}

/** The Flow button at `index`: the token your endpoint and completion will see, and the first screen's data. */
export function flowButton(
  index: number,
  options: { flowToken?: string; data?: Record<string, unknown> } = {},
): TemplateButtonComponent {
  const action: { flow_token?: string; flow_action_data?: Record<string, unknown> } = {};
  if (options.flowToken !== undefined) {
    if (typeof options.flowToken !== "string" || options.flowToken === "") fail("flowToken", "must not be empty");
    action.flow_token = options.flowToken;
  }
  if (options.data !== undefined) action.flow_action_data = options.data;
  return { type: "button", sub_type: "flow", index: buttonIndex(index), parameters: [{ type: "action", action }] };
}

/** The "View catalog" button of a catalogue template, with the product shown as thumbnail. */
export function catalogButton(index: number, thumbnailProductRetailerId: string): TemplateButtonComponent {
  if (typeof thumbnailProductRetailerId !== "string" || thumbnailProductRetailerId === "") {
    fail("thumbnailProductRetailerId", "must not be empty");
  }
  return {
    type: "button",
    sub_type: "CATALOG",
    index: buttonIndex(index),
    parameters: [{ type: "action", action: { thumbnail_product_retailer_id: thumbnailProductRetailerId } }],
  };
}

/** The "View items" button of a multi-product template: up to 10 titled sections, 30 products in all. */
export function multiProductButton(
  index: number,
  options: { thumbnailProductRetailerId: string; sections: Array<{ title: string; productRetailerIds: string[] }> },
): TemplateButtonComponent {
  const { thumbnailProductRetailerId, sections } = options;
  if (typeof thumbnailProductRetailerId !== "string" || thumbnailProductRetailerId === "") {
    fail("thumbnailProductRetailerId", "must not be empty");
  }
  if (!Array.isArray(sections) || sections.length === 0 || sections.length > 10) fail("sections", "1 to 10 sections");
  let total = 0;
  sections.forEach((s, i) => {
    if (typeof s.title !== "string" || s.title === "" || s.title.length > 24)
      fail(`sections[${i}].title`, "1 to 24 characters");
    if (!Array.isArray(s.productRetailerIds) || s.productRetailerIds.length === 0) {
      fail(`sections[${i}].productRetailerIds`, "at least 1 item");
    }
    total += s.productRetailerIds.length;
  });
  if (total > 30) fail("sections", "at most 30 products in all");
  return {
    type: "button",
    sub_type: "mpm",
    index: buttonIndex(index),
    parameters: [
      {
        type: "action",
        action: {
          thumbnail_product_retailer_id: thumbnailProductRetailerId,
          sections: sections.map((s) => ({
            title: s.title,
            product_items: s.productRetailerIds.map((p) => ({ product_retailer_id: p })),
          })),
        },
      },
    ],
  };
}

/** When a limited-time offer ends (shown as a countdown); a `Date` or Unix milliseconds in the future. */
export function limitedTimeOffer(expiresAt: Date | number): TemplateLimitedTimeOfferComponent {
  const ms = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms <= 0) fail("expiresAt", "a Date or Unix milliseconds");
  return {
    type: "limited_time_offer",
    parameters: [{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: ms } }],
  };
}

/** A location header parameter (templates approved with a LOCATION header). */
export function locationParameter(location: LocationParameter["location"]): LocationParameter {
  const { latitude, longitude } = location ?? ({} as LocationParameter["location"]);
  if (typeof latitude !== "number" || latitude < -90 || latitude > 90) fail("location.latitude", "from -90 to 90");
  if (typeof longitude !== "number" || longitude < -180 || longitude > 180)
    fail("location.longitude", "from -180 to 180");
  return { type: "location", location };
}

/** One card of a carousel: its image or video, its body parameters and its buttons (as approved). */
export interface CarouselCardInput {
  header: MediaParameter;
  body?: TemplateParameter[];
  buttons?: TemplateButtonComponent[];
}

/** The cards of a carousel template, in order (2 to 10, like the approved template). */
export function carousel(cards: CarouselCardInput[]): TemplateCarouselComponent {
  if (!Array.isArray(cards) || cards.length < 2 || cards.length > 10) fail("cards", "2 to 10 cards");
  return {
    type: "carousel",
    cards: cards.map((card, i): TemplateCarouselCard => {
      if (card?.header?.type !== "image" && card?.header?.type !== "video")
        fail(`cards[${i}].header`, "an image or video parameter");
      const components: TemplateCarouselCard["components"] = [{ type: "header", parameters: [card.header] }];
      if (card.body !== undefined) components.push({ type: "body", parameters: card.body });
      if (card.buttons !== undefined) components.push(...card.buttons);
      return { card_index: i, components };
    }),
  };
}
