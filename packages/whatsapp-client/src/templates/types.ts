import type { MediaSource } from "../messages/types.js";

/** A text parameter (`{{1}}` or a named `{{name}}` when `parameter_name` is set). */
export interface TextParameter {
  type: "text";
  text: string;
  parameter_name?: string;
}

/** A currency parameter; `amount_1000` is the amount times 1000. */
export interface CurrencyParameter {
  type: "currency";
  currency: { fallback_value: string; code: string; amount_1000: number };
  parameter_name?: string;
}

/** A date parameter; the Cloud API always shows `fallback_value`. */
export interface DateTimeParameter {
  type: "date_time";
  date_time: { fallback_value: string };
  parameter_name?: string;
}

/** A media parameter of a header component. */
export type MediaParameter =
  | { type: "image"; image: MediaSource }
  | { type: "video"; video: MediaSource }
  | { type: "document"; document: MediaSource & { filename?: string } };

/** A location header parameter. */
export interface LocationParameter {
  type: "location";
  location: { latitude: number; longitude: number; name?: string; address?: string };
}

/** Any parameter of a header or body component. */
export type TemplateParameter =
  | TextParameter
  | CurrencyParameter
  | DateTimeParameter
  | MediaParameter
  | LocationParameter;

/** A product section of a multi-product (`mpm`) template button. */
export interface TemplateProductSection {
  title: string;
  product_items: Array<{ product_retailer_id: string }>;
}

/** A parameter of a button component. */
export type TemplateButtonParameter =
  | { type: "payload"; payload: string }
  | { type: "text"; text: string }
  | { type: "coupon_code"; coupon_code: string }
  | { type: "action"; action: { flow_token?: string; flow_action_data?: Record<string, unknown> } }
  | { type: "action"; action: { thumbnail_product_retailer_id: string; sections?: TemplateProductSection[] } };

/** A header or body component in the Graph shape. */
export interface TemplateTextComponent {
  type: "header" | "body";
  parameters: TemplateParameter[];
}

/** A button component in the Graph shape. */
export interface TemplateButtonComponent {
  type: "button";
  /** `CATALOG` is upper case in Meta's reference; the others lower case. */
  sub_type: "quick_reply" | "url" | "copy_code" | "flow" | "CATALOG" | "mpm";
  /** Position of the button in the template, 0-based. */
  index: string;
  parameters: TemplateButtonParameter[];
}

/** The countdown of a limited-time offer template. */
export interface TemplateLimitedTimeOfferComponent {
  type: "limited_time_offer";
  parameters: [{ type: "limited_time_offer"; limited_time_offer: { expiration_time_ms: number } }];
}

/** One card of a carousel template: its header media, body and buttons. */
export interface TemplateCarouselCard {
  card_index: number;
  components: Array<TemplateTextComponent | TemplateButtonComponent>;
}

/** The cards of a carousel template (2 to 10, as approved). */
export interface TemplateCarouselComponent {
  type: "carousel";
  cards: TemplateCarouselCard[];
}

/** Any component of a template message. */
export type TemplateComponent =
  | TemplateTextComponent
  | TemplateButtonComponent
  | TemplateLimitedTimeOfferComponent
  | TemplateCarouselComponent;

/** A template message: an approved template name, its language code and parameters. */
export interface TemplateContent {
  name: string;
  /** Language code of the approved translation, e.g. `"fr"` or `"en_US"`. */
  language: string;
  components?: TemplateComponent[];
}
