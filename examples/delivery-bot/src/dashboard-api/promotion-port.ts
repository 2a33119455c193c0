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
  /**
   * The operator's name for this offer (an idempotency key): a request repeated with it sends nothing more.
   * Absent: derived from the request itself, so the same body twice is the same offer.
   */
  promotionId?: string | undefined;
}

/** Why a recipient got no offer (the template gate's reasons). */
export const PROMOTION_SKIP_REASONS = ["no_marketing_consent", "marketing_opt_out", "template_unusable"] as const;

/** One of {@link PROMOTION_SKIP_REASONS}. */
export type PromotionSkipReason = (typeof PROMOTION_SKIP_REASONS)[number];

/** What `POST /promotions` answers: the offer is recorded and one job per recipient queued. */
export interface PromotionQueued {
  /** Names the offer for `GET /promotions/{id}`; the same request again names the same offer. */
  promotionId: string;
  /** Recipients the offer is for. */
  recipients: number;
  /** Jobs queued by this call (0 when the same offer was asked for before: nothing is sent twice). */
  queued: number;
}

/** Where an offer stands, recipient by recipient summed up (`GET /promotions/{id}`). */
export interface PromotionOutcome {
  promotionId: string;
  /** Recipients the offer is for. */
  recipients: number;
  /** Recipients whose job has not finished yet (queued, or waiting to retry a WhatsApp 5xx). */
  pending: number;
  /** Offers WhatsApp accepted. */
  sent: number;
  /** Recipients the gate ruled out, by reason: nothing was sent to them. */
  skipped: Record<PromotionSkipReason, number>;
  /** Sends WhatsApp refused for good (a 4xx, or a 5xx after the last retry; logged by the bot). */
  failed: number;
}

/** Sends a promotional offer to the customers who opted in, through a job queue; made by the bot (`createPromotions`). */
export interface PromotionSender {
  /** Records the offer and queues one job per recipient; idempotent by `promotionId`. */
  send(request: PromotionRequest): Promise<PromotionQueued>;
  /** The offer's counts so far, or `undefined` for an id the bot does not know. */
  status(promotionId: string): Promise<PromotionOutcome | undefined>;
}
