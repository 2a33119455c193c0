import type { Registry } from "@prometheus-io/client";
import type { FlowEngine, HandoffOptions, Notifier, TokTokBackend } from "@toktok/flows";
import type { Logger } from "@toktok-example/shared";
import type { Cluster, Redis } from "ioredis";
import { availabilityOf, inboxEnv, templatesOf } from "./config.ts";
import { type InboxBus, MemoryInboxBus, RedisInboxBus } from "./events.ts";
import { HandoffFigures, registerSuppressed } from "./figures.ts";
import { inboxHandler } from "./http.ts";
import { Inbox, type InboxMessenger } from "./inbox.ts";
import { MemoryInboxStore } from "./memory-inbox-store.ts";
import { createOperatorAuth } from "./operator-auth.ts";
import { RedisInboxStore } from "./redis-inbox-store.ts";

/** Canned replies offered in the inbox (French: most customers write French). */
export const CANNED_REPLIES: ReadonlyArray<{ title: string; text: string }> = [
  { title: "Bonjour", text: "Bonjour, je suis là pour vous aider. Que se passe-t-il ?" },
  { title: "Je vérifie", text: "Je vérifie avec le livreur et je reviens vers vous dans quelques minutes." },
  { title: "Livreur en route", text: "Votre livreur est en route, il arrive bientôt." },
  {
    title: "Remboursement",
    text: "Votre remboursement est lancé : vous le recevrez sous 48 h sur votre compte Mobile Money.",
  },
];

/** The inbox, in two steps: its engine options first, then the parts that need the engine. */
export interface InboxWiring {
  /** `createFlowEngine({ handoff })`. */
  handoff: HandoffOptions;
  /** Wraps the flows' notifier: a delivered mission or order hands its customer back to the bot. */
  notifier(notifier: Notifier): Notifier;
  /** Completes the inbox once the engine exists; returns the HTTP handler (null without a JWT key). */
  attach(engine: FlowEngine): InboxHttp | undefined;
  close(): Promise<void>;
}

/** The mounted inbox. */
export interface InboxHttp {
  handler: ReturnType<typeof inboxHandler>;
  inbox: Inbox;
}

/** What {@link wireInbox} needs from the bot. */
export interface InboxWiringDeps {
  env: Record<string, string | undefined>;
  messenger: InboxMessenger;
  backend: TokTokBackend;
  registry: Registry;
  logger: Logger;
  redis?: Redis | Cluster;
}

/**
 * Wires the operator inbox into the bot: the engine's handoff hooks record messages and ownership
 * changes (Redis-backed with `REDIS_URL`, so every process shares them), the dashboards hear them
 * over SSE, a periodic sweep escalates unanswered customers and hands idle ones back.
 */
export function wireInbox(deps: InboxWiringDeps): InboxWiring {
  const settings = inboxEnv(deps.env);
  const store = deps.redis ? new RedisInboxStore(deps.redis) : new MemoryInboxStore();
  const bus: InboxBus = deps.redis ? new RedisInboxBus(deps.redis, deps.logger) : new MemoryInboxBus();
  const figures = new HandoffFigures(deps.registry, store);
  let inbox: Inbox | undefined;
  let sweep: NodeJS.Timeout | undefined;
  const warn = (what: string) => (error: unknown) =>
    deps.logger.warn(`inbox: ${what} failed`, { error: String(error) });
  const handBack = (customer: string) => {
    void inbox?.delivered(customer).catch(warn("hand-back on delivery"));
  };
  return {
    handoff: {
      availability: availabilityOf(settings),
      onInbound: (message, owner) => inbox?.onInbound(message, owner),
      onChange: (change) => inbox?.onChange(change),
    },
    notifier: (notifier) => ({
      ...notifier,
      async notifyMissionStatus(mission, status) {
        const result = await notifier.notifyMissionStatus(mission, status);
        if (status === "delivered") handBack(mission.clientPhone);
        return result;
      },
      async notifyOrderStatus(order, status) {
        const result = await notifier.notifyOrderStatus(order, status);
        if (status === "delivered") handBack(order.clientPhone);
        return result;
      },
    }),
    attach(engine) {
      if (!engine.handoff) throw new Error("the engine was created without the inbox's handoff options");
      inbox = new Inbox({
        control: engine.handoff,
        store,
        bus,
        figures,
        messenger: deps.messenger,
        backend: deps.backend,
        logger: deps.logger,
        templates: templatesOf(settings),
        escalateAfterMs: settings.INBOX_ESCALATE_MINUTES * 60_000,
        idleReleaseMs: settings.INBOX_IDLE_RELEASE_MINUTES * 60_000,
      });
      registerSuppressed(deps.registry, () => engine.stats().suppressed);
      const current = inbox;
      sweep = setInterval(() => void current.sweep().catch(warn("sweep")), 30_000).unref();
      let auth: ReturnType<typeof createOperatorAuth>;
      try {
        auth = createOperatorAuth(deps.env);
      } catch (error) {
        deps.logger.info("operator inbox not mounted", { reason: (error as Error).message });
        return undefined;
      }
      return {
        inbox,
        handler: inboxHandler({ inbox, bus, figures, auth, canned: CANNED_REPLIES, logger: deps.logger }),
      };
    },
    async close() {
      clearInterval(sweep);
      await bus.close();
    },
  };
}
