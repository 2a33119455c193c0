// A leaf with no import: what the operator API asks of the bot to send a promotional offer
// (`POST /api/analytics/promotions`). The bot implements it over the flows' notifier and its consent
// records (src/bot/promotions.ts); the API sees no notifier, no messenger, no consent store.

/** The offer: the variables of the approved `promotional_offer` template, and who should get it. */
export interface PromotionRequest {
  /** {{2}}: what is offered, e.g. "Livraison gratuite à Bacongo". */
  offer: string;
  /** {{3}}: the offer's price in XAF. */
  priceXaf: number;
  /** {{4}}: last day of the offer (sent as a WhatsApp `date_time` parameter). */
  validUntil: Date;
  /** HTTPS link of the header image, when the approved template has one. */
  imageUrl?: string | undefined;
  /** Suffix of the template's offer URL button (e.g. a promo code), when it has one. */
  offerPath?: string | undefined;
  /** Language of the approved translation; default `fr`. */
  language?: string | undefined;
  /** WhatsApp ids (digits) to try; absent: every customer the bot knows to have opted in. */
  recipients?: readonly string[] | undefined;
}

/** Why a recipient got no offer (the template gate's reasons). */
export const PROMOTION_SKIP_REASONS = ["no_marketing_consent", "marketing_opt_out", "template_unusable"] as const;

/** One of {@link PROMOTION_SKIP_REASONS}. */
export type PromotionSkipReason = (typeof PROMOTION_SKIP_REASONS)[number];

/** What one send did, recipient by recipient summed up. */
export interface PromotionOutcome {
  /** Recipients tried. */
  recipients: number;
  /** Offers WhatsApp accepted. */
  sent: number;
  /** Recipients the gate ruled out, by reason: nothing was sent to them. */
  skipped: Record<PromotionSkipReason, number>;
  /** Sends WhatsApp refused (logged by the bot). */
  failed: number;
}

/** Sends a promotional offer to the customers who opted in; made by the bot (`createPromotions`). */
export interface PromotionSender {
  send(request: PromotionRequest): Promise<PromotionOutcome>;
}
