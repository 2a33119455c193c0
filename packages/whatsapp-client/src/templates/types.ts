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

/** Any parameter of a header or body component. */
export type TemplateParameter = TextParameter | CurrencyParameter | DateTimeParameter | MediaParameter;

/** A parameter of a button component. */
export type TemplateButtonParameter =
  | { type: "payload"; payload: string }
  | { type: "text"; text: string }
  | { type: "coupon_code"; coupon_code: string };

/** A header or body component in the Graph shape. */
export interface TemplateTextComponent {
  type: "header" | "body";
  parameters: TemplateParameter[];
}

/** A button component in the Graph shape. */
export interface TemplateButtonComponent {
  type: "button";
  sub_type: "quick_reply" | "url" | "copy_code";
  /** Position of the button in the template, 0-based. */
  index: string;
  parameters: TemplateButtonParameter[];
}

/** Any component of a template message. */
export type TemplateComponent = TemplateTextComponent | TemplateButtonComponent;

/** A template message: an approved template name, its language code and parameters. */
export interface TemplateContent {
  name: string;
  /** Language code of the approved translation, e.g. `"fr"` or `"en_US"`. */
  language: string;
  components?: TemplateComponent[];
}
