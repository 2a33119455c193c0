import { WhatsAppValidationError } from "../errors.js";
import type { MediaSource } from "../messages/types.js";
import {
  bodyComponent,
  currencyParameter,
  dateTimeParameter,
  headerComponent,
  imageParameter,
  quickReplyButton,
  textParameter,
  urlButton,
} from "./parameters.js";
import type { TemplateComponent, TemplateContent, TemplateParameter } from "./types.js";

// The templates TokTok submits in its WhatsApp Business Manager (the five first, then the delivery code
// and the status update of a parcel on its way, both UTILITY).
// Each helper fills the body variables in the order of the approved text, so a
// caller cannot swap {{2}} and {{3}} or forget one.

/** Language of the approved translation; French unless said otherwise. */
interface WithLanguage {
  language?: string;
}

/** `value` when it is a non-empty string; `(value, field)`, the order of every hand check in the packages. */
function need(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new WhatsAppValidationError([{ field, rule: "must be a non-empty string" }]);
  }
  return value;
}

/** The keys of `P` whose value is always a `V`. */
type KeysOf<P, V> = { [K in keyof P]-?: P[K] extends V ? K : never }[keyof P] & string;

/** One body variable: a text field (checked non-empty), a date field or an XAF amount field of the params. */
type Slot<P> = { text: KeysOf<P, string> } | { date: KeysOf<P, Date | string> } | { xaf: KeysOf<P, number> };

/** The body component, its variables in the order the slots are listed (the approved text's {{1}}, {{2}}…). */
function body<P>(p: P, ...slots: Slot<P>[]): TemplateComponent {
  const parameter = (slot: Slot<P>): TemplateParameter => {
    if ("text" in slot) return textParameter(need(p[slot.text], slot.text));
    if ("date" in slot) return dateTimeParameter(p[slot.date] as Date | string);
    return currencyParameter(p[slot.xaf] as number);
  };
  return bodyComponent(...slots.map(parameter));
}

function template(name: string, language: string | undefined, components: TemplateComponent[]): TemplateContent {
  return { name, language: language ?? "fr", components };
}

/** Variables of `mission_reminder`: "Bonjour {{1}}, rappel : la course {{2}} est prévue le {{3}} au départ de {{4}}." */
export interface MissionReminderParams extends WithLanguage {
  name: string;
  missionRef: string;
  pickupAt: Date | string;
  pickupAddress: string;
}

/** `mission_reminder`: reminds a customer or driver of an upcoming mission. */
export function missionReminder(p: MissionReminderParams): TemplateContent {
  return template("mission_reminder", p.language, [
    body(p, { text: "name" }, { text: "missionRef" }, { date: "pickupAt" }, { text: "pickupAddress" }),
  ]);
}

/** Variables of `delivery_delayed`: "{{1}}, votre livraison {{2}} est retardée. Nouvelle arrivée estimée : {{3}}. Motif : {{4}}." */
export interface DeliveryDelayedParams extends WithLanguage {
  name: string;
  orderRef: string;
  newEta: Date | string;
  reason: string;
}

/** `delivery_delayed`: tells the customer a delivery is late, with the new ETA. */
export function deliveryDelayed(p: DeliveryDelayedParams): TemplateContent {
  return template("delivery_delayed", p.language, [
    body(p, { text: "name" }, { text: "orderRef" }, { date: "newEta" }, { text: "reason" }),
  ]);
}

/** Variables of `payment_reminder`: "{{1}}, il reste {{2}} à régler pour {{3}} avant le {{4}}." plus a "Payer" URL button. */
export interface PaymentReminderParams extends WithLanguage {
  name: string;
  /** Amount due in XAF. */
  amountXaf: number;
  reference: string;
  dueAt: Date | string;
  /** Suffix of the template's payment URL, e.g. the invoice id. */
  paymentPath?: string;
}

/** `payment_reminder`: asks for an outstanding payment, amount shown in FCFA. */
export function paymentReminder(p: PaymentReminderParams): TemplateContent {
  const components: TemplateComponent[] = [
    body(p, { text: "name" }, { xaf: "amountXaf" }, { text: "reference" }, { date: "dueAt" }),
  ];
  if (p.paymentPath !== undefined) components.push(urlButton(0, need(p.paymentPath, "paymentPath")));
  return template("payment_reminder", p.language, components);
}

/** Variables of `feedback_request`: "{{1}}, comment s'est passée la course {{2}} ?" with three quick replies. */
export interface FeedbackRequestParams extends WithLanguage {
  name: string;
  missionRef: string;
}

/**
 * `feedback_request`: asks for a rating with three quick replies whose
 * payloads are `feedback:<missionRef>:good|ok|bad`.
 */
export function feedbackRequest(p: FeedbackRequestParams): TemplateContent {
  const ref = need(p.missionRef, "missionRef");
  return template("feedback_request", p.language, [
    bodyComponent(textParameter(need(p.name, "name")), textParameter(ref)),
    quickReplyButton(0, `feedback:${ref}:good`),
    quickReplyButton(1, `feedback:${ref}:ok`),
    quickReplyButton(2, `feedback:${ref}:bad`),
  ]);
}

/** Variables of `promotional_offer`: image header, "{{1}}, {{2}} : seulement {{3}} jusqu'au {{4}} !" and a URL button. */
export interface PromotionalOfferParams extends WithLanguage {
  name: string;
  offer: string;
  /** Offer price in XAF. */
  priceXaf: number;
  validUntil: Date | string;
  image?: MediaSource;
  /** Suffix of the template's offer URL, e.g. a promo code. */
  offerPath?: string;
}

/** `promotional_offer`: a marketing offer with price in FCFA and an optional image header. */
export function promotionalOffer(p: PromotionalOfferParams): TemplateContent {
  const components: TemplateComponent[] = [];
  if (p.image !== undefined) components.push(headerComponent(imageParameter(p.image)));
  components.push(body(p, { text: "name" }, { text: "offer" }, { xaf: "priceXaf" }, { date: "validUntil" }));
  if (p.offerPath !== undefined) components.push(urlButton(0, need(p.offerPath, "offerPath")));
  return template("promotional_offer", p.language, components);
}

/**
 * Variables of `delivery_code`: "{{1}}, le colis {{2}} est en route vers vous. Code de livraison à donner
 * au livreur : {{3}}."
 */
export interface DeliveryCodeParams extends WithLanguage {
  name: string;
  reference: string;
  /** The 4 digits the driver must type at the door. */
  code: string;
}

/**
 * `delivery_code`: gives a parcel's recipient the code the driver asks for, outside the 24-hour window (a
 * recipient rarely wrote to the number first). A UTILITY template with the code as a body variable:
 * Meta's AUTHENTICATION category is for one-time passwords of the business's own logins, not this.
 */
export function deliveryCode(p: DeliveryCodeParams): TemplateContent {
  if (!/^\d{4}$/.test(p.code)) throw new WhatsAppValidationError([{ field: "code", rule: "must be 4 digits" }]);
  return template("delivery_code", p.language, [body(p, { text: "name" }, { text: "reference" }, { text: "code" })]);
}

/** Variables of `delivery_update`: "{{1}}, votre course {{2}} : {{3}}." — the status in words ("Colis récupéré"). */
export interface DeliveryUpdateParams extends WithLanguage {
  name: string;
  missionRef: string;
  /** The status reached, in the customer's words ("En route", "Arrivé à destination"). */
  status: string;
}

/** `delivery_update`: tells a customer how a parcel already picked up is getting on (picked up, on the way, arrived). */
export function deliveryUpdate(p: DeliveryUpdateParams): TemplateContent {
  return template("delivery_update", p.language, [
    body(p, { text: "name" }, { text: "missionRef" }, { text: "status" }),
  ]);
}

/** The business templates by their approved name. */
export const businessTemplates: {
  mission_reminder: typeof missionReminder;
  delivery_delayed: typeof deliveryDelayed;
  payment_reminder: typeof paymentReminder;
  feedback_request: typeof feedbackRequest;
  promotional_offer: typeof promotionalOffer;
  delivery_code: typeof deliveryCode;
  delivery_update: typeof deliveryUpdate;
} = {
  mission_reminder: missionReminder,
  delivery_delayed: deliveryDelayed,
  payment_reminder: paymentReminder,
  feedback_request: feedbackRequest,
  promotional_offer: promotionalOffer,
  delivery_code: deliveryCode,
  delivery_update: deliveryUpdate,
};
