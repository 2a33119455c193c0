import { WhatsAppValidationError } from "../errors.js";
import { formatXaf } from "../format.js";
import type { MediaSource } from "../messages/types.js";
import type {
  CurrencyParameter,
  DateTimeParameter,
  MediaParameter,
  TemplateButtonComponent,
  TemplateParameter,
  TemplateTextComponent,
  TextParameter,
} from "./types.js";

const DATE_FORMAT = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Africa/Brazzaville",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** A `{{n}}` text parameter. */
export function textParameter(text: string, parameterName?: string): TextParameter {
  return parameterName === undefined ? { type: "text", text } : { type: "text", text, parameter_name: parameterName };
}

/**
 * A currency parameter from an amount in XAF (francs CFA, no minor unit):
 * `amount_1000` is the amount × 1000 and the fallback reads `5 000 FCFA`.
 *
 * @example
 * currencyParameter(5000);
 * // { type: "currency", currency: { fallback_value: "5 000 FCFA", code: "XAF", amount_1000: 5000000 } }
 */
export function currencyParameter(amountXaf: number, parameterName?: string): CurrencyParameter {
  if (typeof amountXaf !== "number" || !Number.isFinite(amountXaf) || amountXaf < 0) {
    throw new WhatsAppValidationError([{ field: "amount", rule: "a finite amount in XAF, 0 or more" }]);
  }
  const amount1000 = Math.round(amountXaf * 1000);
  if (!Number.isSafeInteger(amount1000)) throw new WhatsAppValidationError([{ field: "amount", rule: "too large" }]);
  const param: CurrencyParameter = {
    type: "currency",
    currency: { fallback_value: formatXaf(amountXaf), code: "XAF", amount_1000: amount1000 },
  };
  if (parameterName !== undefined) param.parameter_name = parameterName;
  return param;
}

/**
 * A date parameter. A `Date` is written in French, Brazzaville time
 * (`21 novembre 2026 à 14:30`); a string is sent as is.
 */
export function dateTimeParameter(value: Date | string, parameterName?: string): DateTimeParameter {
  let fallback: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new WhatsAppValidationError([{ field: "date", rule: "a valid Date" }]);
    fallback = DATE_FORMAT.format(value);
  } else fallback = value;
  const param: DateTimeParameter = { type: "date_time", date_time: { fallback_value: fallback } };
  if (parameterName !== undefined) param.parameter_name = parameterName;
  return param;
}

/** An image header parameter. */
export function imageParameter(image: MediaSource): MediaParameter {
  return { type: "image", image };
}

/** A video header parameter. */
export function videoParameter(video: MediaSource): MediaParameter {
  return { type: "video", video };
}

/** A document header parameter (PDF). */
export function documentParameter(document: MediaSource & { filename?: string }): MediaParameter {
  return { type: "document", document };
}

/** The header component with its parameters. */
export function headerComponent(...parameters: TemplateParameter[]): TemplateTextComponent {
  return { type: "header", parameters };
}

/** The body component with its `{{1}}`, `{{2}}`… parameters in order. */
export function bodyComponent(...parameters: TemplateParameter[]): TemplateTextComponent {
  return { type: "body", parameters };
}

/** The payload returned in the `button` webhook when the quick-reply button at `index` is tapped. */
export function quickReplyButton(index: number, payload: string): TemplateButtonComponent {
  return { type: "button", sub_type: "quick_reply", index: String(index), parameters: [{ type: "payload", payload }] };
}

/** The suffix appended to the template's URL for the URL button at `index`. */
export function urlButton(index: number, urlSuffix: string): TemplateButtonComponent {
  return { type: "button", sub_type: "url", index: String(index), parameters: [{ type: "text", text: urlSuffix }] };
}
