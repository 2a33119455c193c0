// Which approved template may go out now: Meta pauses or disables a template (or rates it RED) by
// webhook, and marketing goes only to a user who opted in; sending anyway fails or costs the number's rating.
import { maskPhone } from "../errors.js";
import type { Catalogue } from "../i18n/catalogue-type.js";
import type { Logger } from "../logger.js";
import type { TemplateMessage } from "../messaging/messenger.js";
import type { MarketingConsent } from "./marketing-consent.js";
import type { TemplatePicker, TemplateSubject } from "./templates.js";

/**
 * What the notifier asks of the business's templates: `TemplateRegistry` of
 * `@toktok/whatsapp-client`, fed by the template webhooks, fits as is.
 */
export interface TemplateHealth {
  /** False for a paused, disabled, rejected or RED-quality template. */
  isUsable(name: string, language: string): boolean;
}

/**
 * Why a picked template was not sent: Meta no longer accepts it, the user stopped marketing
 * (`marketing_opt_out`), or never opted in (`no_marketing_consent`).
 */
export type TemplateSkipReason = "template_unusable" | "marketing_opt_out" | "no_marketing_consent";

/** A template ruled out for one recipient (the number is masked). */
export interface TemplateSkip {
  template: string;
  language: string;
  reason: TemplateSkipReason;
  to: string;
}

/** Templates of the MARKETING category: sent only to a user who opted in. */
export const marketingTemplates: ReadonlySet<string> = new Set(["promotional_offer"]);

/**
 * What {@link pickUsableTemplate} needs. No `health`: every template is usable. No `marketing`: no
 * marketing template is ever sent (nobody's consent is known).
 */
export interface TemplateGate {
  pickers: readonly TemplatePicker[];
  health?: TemplateHealth | undefined;
  marketing?: MarketingConsent | undefined;
  logger: Logger;
  onSkipped?: ((skip: TemplateSkip) => void) | undefined;
}

/**
 * The first template the pickers offer, in order, that Meta still accepts and the user still wants;
 * each one ruled out is logged and reported. `undefined` when none is left (the message is not sent).
 */
export function pickUsableTemplate(
  gate: TemplateGate,
  subject: TemplateSubject,
  t: Catalogue,
  language: string,
): TemplateMessage | undefined {
  for (const pick of gate.pickers) {
    const template = pick(subject, t, language);
    if (!template) continue;
    const reason = ruledOut(gate, template, subject.to);
    if (!reason) return template;
    const skip: TemplateSkip = {
      template: template.name,
      language: template.language,
      reason,
      to: maskPhone(subject.to),
    };
    gate.logger.warn("flows: template not sent", { ...skip });
    gate.onSkipped?.(skip);
  }
  return undefined;
}

/**
 * Whether one given template may go to `to` now (a marketing one only to a user who opted in): the reason
 * it may not, logged and reported like the pickers' ones, or `undefined` when it may.
 */
export function templateRefusal(
  gate: TemplateGate,
  template: TemplateMessage,
  to: string,
): TemplateSkipReason | undefined {
  const reason = ruledOut(gate, template, to);
  if (reason) {
    const skip: TemplateSkip = { template: template.name, language: template.language, reason, to: maskPhone(to) };
    gate.logger.warn("flows: template not sent", { ...skip });
    gate.onSkipped?.(skip);
  }
  return reason;
}

function ruledOut(gate: TemplateGate, template: TemplateMessage, to: string): TemplateSkipReason | undefined {
  if (gate.health && !gate.health.isUsable(template.name, template.language)) return "template_unusable";
  if (!marketingTemplates.has(template.name)) return undefined;
  const consent = gate.marketing?.consentOf(to);
  if (consent === "opted_in") return undefined;
  return consent === "stopped" ? "marketing_opt_out" : "no_marketing_consent";
}
