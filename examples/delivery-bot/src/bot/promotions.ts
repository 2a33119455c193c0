// The operator's promotional offer (`POST /api/analytics/promotions`): `promotional_offer` through the
// flows' notifier, whose gate sends marketing only to a customer who opted in. Durable: the request records
// the offer and queues one job per recipient (key: offer id + recipient), so a crash partway loses nobody;
// each recipient's first outcome is final, so a retried request or a redelivered job sends once.
import { createHash } from "node:crypto";
import type { JobQueue, MarketingConsentRecord, MarketingConsentState, Notifier, TemplateHealth } from "@toktok/flows";
import { promotionalOffer } from "@toktok/whatsapp-client";
import type { Logger } from "@toktok-example/shared";
import {
  PROMOTION_SKIP_REASONS,
  type PromotionOutcome,
  type PromotionRequest,
  type PromotionSender,
  type PromotionSkipReason,
} from "../dashboard-api/promotion-port.ts";
import type { PromotionStore, StoredPromotion } from "./promotion-store.ts";

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
  /** One job per recipient; a rejected run (a WhatsApp 5xx) is retried by the queue with backoff. */
  jobs: JobQueue;
  /** The offers and each recipient's outcome (memory, or Redis beside a BullMQ queue). */
  store: PromotionStore;
  /** Runs of one recipient's job before a retryable failure counts as failed for good. Default 5. */
  maxAttempts?: number;
  logger: Logger;
}

/** {{1}} when the customer's name is unknown: a greeting, never "client". */
const NO_NAME = "Bonjour";
/** Job keys: `promotion:<offer id>:<waId>` (an offer id has no colon). */
const PREFIX = "promotion:";

/**
 * The bot's {@link PromotionSender}: `send` records the offer and queues a job per recipient (given, else
 * every opted-in customer); each job sends `promotional_offer` with the customer's own name if the notifier's
 * gate lets it through, and records sent, skipped (by reason, also counted on `/metrics` by the gate) or failed.
 */
export function createPromotions(deps: PromotionsDeps): PromotionSender & { close(): Promise<void> } {
  const { store, jobs, logger } = deps;
  const maxAttempts = deps.maxAttempts ?? 5;
  // Runs per job key in this process: the queue retries a rejected run, this caps a lasting 5xx.
  const attempts = new Map<string, number>();

  jobs.process(async (key) => {
    if (!key.startsWith(PREFIX)) return undefined;
    const [id = "", to = ""] = key.slice(PREFIX.length).split(":");
    const promotion = await store.get(id);
    if (promotion === undefined || (await store.outcomes(id))[to] !== undefined) return undefined;
    try {
      const outcome = await sendOne(deps, promotion, to);
      await store.settle(id, to, outcome);
      attempts.delete(key);
    } catch (error) {
      const tries = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, tries);
      const message = error instanceof Error ? error.message : String(error);
      if (retryable(error) && tries < maxAttempts) {
        logger.warn("promotion: send failed, retried", { promotion: id, attempt: tries, error: message });
        throw error;
      }
      attempts.delete(key);
      await store.settle(id, to, "failed");
      logger.warn("promotion: send failed", { promotion: id, error: message });
    }
    return undefined;
  });

  return {
    async send(request: PromotionRequest) {
      const recipients = [
        ...new Set(request.recipients ?? deps.consents.list().flatMap((r) => (r.state === "opted_in" ? [r.waId] : []))),
      ];
      const promotionId = request.promotionId ?? promotionIdOf(request);
      const kept = await store.create(promotionId, { request: { ...request, promotionId }, recipients });
      const done = await store.outcomes(promotionId);
      // A repeated request queues only who has no outcome yet (a crash between record and queue left them).
      const waiting = kept.recipients.filter((to) => done[to] === undefined);
      for (const to of waiting) await jobs.schedule(`${PREFIX}${promotionId}:${to}`);
      logger.info("promotion: queued", { promotion: promotionId, recipients: kept.recipients.length });
      return { promotionId, recipients: kept.recipients.length, queued: waiting.length };
    },
    async status(promotionId: string): Promise<PromotionOutcome | undefined> {
      const promotion = await store.get(promotionId);
      if (promotion === undefined) return undefined;
      const outcomes = await store.outcomes(promotionId);
      const skipped = Object.fromEntries(PROMOTION_SKIP_REASONS.map((r) => [r, 0])) as Record<
        PromotionSkipReason,
        number
      >;
      const status: PromotionOutcome = {
        promotionId,
        recipients: promotion.recipients.length,
        pending: 0,
        sent: 0,
        skipped,
        failed: 0,
      };
      for (const to of promotion.recipients) {
        const outcome = outcomes[to];
        if (outcome === undefined) status.pending += 1;
        else if (outcome === "sent") status.sent += 1;
        else if (outcome === "failed") status.failed += 1;
        else skipped[outcome] += 1;
      }
      return status;
    },
    close: () => jobs.close(),
  };
}

/** One recipient's send: its outcome, or a throw when WhatsApp refused it. */
async function sendOne(deps: PromotionsDeps, promotion: StoredPromotion, to: string) {
  const { request } = promotion;
  const name = (await deps.nameOf?.(to).catch(() => undefined)) || NO_NAME;
  const language = request.language ?? "fr";
  const template = promotionalOffer({
    name,
    offer: request.offer,
    priceXaf: request.priceXaf,
    validUntil: request.validUntil,
    language,
    ...(request.imageUrl === undefined ? {} : { image: { link: request.imageUrl } }),
    ...(request.offerPath === undefined ? {} : { offerPath: request.offerPath }),
  });
  // Without sendPromotion (a notifier of another make) no marketing is sent: nobody's consent is read.
  const result = (await deps.notifier.sendPromotion?.(to, template)) ?? { notSent: 1 };
  return (result.notSent ?? 0) > 0 ? skipReason(deps, to, template.name, language) : ("sent" as const);
}

/** WhatsApp's own rule (`WhatsAppError.retryable`: 5xx, 429, throughput codes); an unknown error is retried. */
function retryable(error: unknown): boolean {
  const flag = (error as { retryable?: unknown } | null)?.retryable;
  return typeof flag === "boolean" ? flag : true;
}

/** The same offer to the same recipients (or to every opted-in customer) has the same id. */
function promotionIdOf(request: PromotionRequest): string {
  const { recipients, ...offer } = request;
  const canonical = JSON.stringify([offer, recipients === undefined ? "all" : [...new Set(recipients)].sort()]);
  return `promo_${createHash("sha256").update(canonical).digest("hex").slice(0, 24)}`;
}

/** The gate's reason, in its order: Meta's refusal of the template first, then the customer's choice. */
function skipReason(deps: PromotionsDeps, to: string, name: string, language: string): PromotionSkipReason {
  if (deps.templates && !deps.templates.isUsable(name, language)) return "template_unusable";
  const consent = deps.consents.consentOf(to);
  if (consent === "stopped") return "marketing_opt_out";
  return consent === "opted_in" ? "template_unusable" : "no_marketing_consent";
}
