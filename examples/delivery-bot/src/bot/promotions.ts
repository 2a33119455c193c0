// The operator's promotional offer (`POST /api/analytics/promotions`): `promotional_offer` through the
// flows' notifier, whose gate sends marketing only to a customer who opted in. Sent at once, recipient
// by recipient, like the alerts and the reports: the operator waits for the answer and reads the counts.
import type { MarketingConsentRecord, MarketingConsentState, Notifier, TemplateHealth } from "@toktok/flows";
import { promotionalOffer } from "@toktok/whatsapp-client";
import type { Logger } from "@toktok-example/shared";
import {
  PROMOTION_SKIP_REASONS,
  type PromotionOutcome,
  type PromotionRequest,
  type PromotionSender,
  type PromotionSkipReason,
} from "../dashboard-api/promotion-port.ts";

/** What {@link createPromotions} needs: narrow ports, not the whole notifier or account. */
export interface PromotionsDeps {
  /** The flows' notifier: its `sendPromotion` holds the consent gate. */
  notifier: Pick<Notifier, "sendPromotion">;
  /** The consent records: who opted in (`list`) and, to name a skip, each one's choice. */
  consents: { consentOf(waId: string): MarketingConsentState | undefined; list(): MarketingConsentRecord[] };
  /** Meta's view of the templates (paused, RED): names a skip `template_unusable`. */
  templates?: TemplateHealth | undefined;
  /** The customer's name for {{1}}, when the backend knows it. */
  nameOf?: ((waId: string) => Promise<string | undefined>) | undefined;
  logger: Logger;
}

/** {{1}} when the customer's name is unknown: a greeting, never "client". */
const NO_NAME = "Bonjour";

/**
 * The bot's {@link PromotionSender}: each recipient (given, else every opted-in customer) gets
 * `promotional_offer` with his own name, if the notifier's gate lets it through; the answer counts the
 * sends, the skips by reason (also counted on `/metrics` by the gate) and the refused sends.
 */
export function createPromotions(deps: PromotionsDeps): PromotionSender {
  const { notifier, consents, logger } = deps;
  return {
    async send(request: PromotionRequest): Promise<PromotionOutcome> {
      const recipients = [
        ...new Set(request.recipients ?? consents.list().flatMap((r) => (r.state === "opted_in" ? [r.waId] : []))),
      ];
      const skipped = Object.fromEntries(PROMOTION_SKIP_REASONS.map((r) => [r, 0])) as Record<
        PromotionSkipReason,
        number
      >;
      const outcome: PromotionOutcome = { recipients: recipients.length, sent: 0, skipped, failed: 0 };
      const language = request.language ?? "fr";
      for (const to of recipients) {
        const name = (await deps.nameOf?.(to).catch(() => undefined)) || NO_NAME;
        const template = promotionalOffer({
          name,
          offer: request.offer,
          priceXaf: request.priceXaf,
          validUntil: request.validUntil,
          language,
          ...(request.imageUrl === undefined ? {} : { image: { link: request.imageUrl } }),
          ...(request.offerPath === undefined ? {} : { offerPath: request.offerPath }),
        });
        try {
          // Without sendPromotion (a notifier of another make) no marketing is sent: nobody's consent is read.
          const result = (await notifier.sendPromotion?.(to, template)) ?? { notSent: 1 };
          if ((result.notSent ?? 0) > 0) skipped[skipReason(deps, to, template.name, language)] += 1;
          else outcome.sent += 1;
        } catch (error) {
          outcome.failed += 1;
          logger.warn("promotion: send failed", { error: error instanceof Error ? error.message : String(error) });
        }
      }
      logger.info("promotion: sent", { ...outcome.skipped, sent: outcome.sent, failed: outcome.failed });
      return outcome;
    },
  };
}

/** The gate's reason, in its order: Meta's refusal of the template first, then the customer's choice. */
function skipReason(deps: PromotionsDeps, to: string, name: string, language: string): PromotionSkipReason {
  if (deps.templates && !deps.templates.isUsable(name, language)) return "template_unusable";
  const consent = deps.consents.consentOf(to);
  if (consent === "stopped") return "marketing_opt_out";
  return consent === "opted_in" ? "template_unusable" : "no_marketing_consent";
}
