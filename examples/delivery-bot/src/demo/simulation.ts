import { randomBytes } from "node:crypto";
import type { TimerClock, TokTokBackend } from "@toktok/flows";
import { AirtelMoneyCollection, MtnMomoCollection } from "@toktok/payments";
import {
  type AirtelMoneyStandIn,
  type MtnMomoStandIn,
  type SimulatedPhone,
  startAirtelMoneyStandIn,
  startMtnMomoStandIn,
} from "@toktok/payments/testing";
import { createLogger, type Logger, type LogLevel } from "@toktok-example/shared";
import { type Bot, createBot } from "../bot/create-bot.ts";
import { loadConfig } from "../config/env.ts";
import type { RunningServer } from "../server/listen.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner, type WebhookSigner } from "../simulator/webhook-signer.ts";
import { type CallbackFront, type ForwardedCallback, startCallbackFront } from "./callback-front.ts";
import { type InboxMessage, SimulatedCustomer } from "./customer.ts";

/** The Meta catalogue id the demo's grocery (`epicerie-plateau`) is synced to. */
export const DEMO_CATALOG_ID = "1203974839211";

/** The bot, a Graph API stand-in and a signer, wired together on loopback. */
export interface Simulation {
  bot: Bot;
  server: RunningServer;
  graph: GraphStandIn;
  signer: WebhookSigner;
  /** The secrets the bot was started with (random per run; the tests sign with them). */
  secrets: { accessToken: string; appSecret: string; verifyToken: string; phoneNumberId: string };
  /** A new customer phone (`waId` digits, e.g. `242061234567`). */
  customer(waId: string, name?: string, onMessage?: (m: InboxMessage) => void): SimulatedCustomer;
  /**
   * The Mobile Money stand-ins the bot pays through, when started with `mobileMoney`, and the callbacks they
   * sent that reached the bot's `/payments/:operator` route (through the bot's public front).
   */
  mobileMoney:
    | {
        mtn: MtnMomoStandIn;
        airtel: AirtelMoneyStandIn;
        callbacks: readonly ForwardedCallback[];
        /** The origin the providers call back (the bot behind its front): a test may post a forged callback to it. */
        publicUrl: string;
      }
    | undefined;
  close(): Promise<void>;
}

/** Options of {@link startSimulation}. */
export interface SimulationOptions {
  /** Default `"warn"`. */
  logLevel?: LogLevel;
  logger?: Logger;
  /** Extra environment for the bot (e.g. `REDIS_URL`, `DASHBOARD_JWT_SECRET`); merged over the generated one. */
  env?: Record<string, string | undefined>;
  backend?: TokTokBackend;
  /** The bot's clock (see `CreateBotOptions.clock`): a `ManualClock` lets a test move time instead of waiting. */
  clock?: TimerClock;
  /**
   * Marketplace orders paid by MTN MoMo or Airtel Money through loopback stand-ins of both APIs (MTN Congo's
   * production environment, XAF), the payer's phone simulated by `phone` (default: accepts). Both call the
   * bot back (MTN through `X-Callback-Url`, Airtel with a signed `hash`) and the bot polls too: `firstPollMs`
   * (default 100, the stand-ins' phones answer at once), `maxPollMs` and `expiresAfterMs` tune the polling.
   */
  mobileMoney?: { phone?: SimulatedPhone; firstPollMs?: number; maxPollMs?: number; expiresAfterMs?: number };
}

/** Both Mobile Money stand-ins and their clients, for the bot, calling back `front` (the bot's public origin). */
async function startMobileMoney(phone: SimulatedPhone | undefined, front: CallbackFront) {
  // Airtel signs its callbacks with the application's secret when callback authentication is on.
  const callbackSecret = randomBytes(16).toString("hex");
  const mtn = await startMtnMomoStandIn({ targetEnvironment: "mtncongo", ...(phone ? { phone } : {}) });
  const airtel = await startAirtelMoneyStandIn({
    ...(phone ? { phone } : {}),
    callbackUrl: `${front.url}/payments/airtel`,
    callbackSecret,
  });
  return {
    standIns: { mtn, airtel, callbacks: front.forwarded, publicUrl: front.url },
    providers: {
      mtn: new MtnMomoCollection({ ...mtn.credentials, baseUrl: mtn.url, callbackUrl: `${front.url}/payments/mtn` }),
      airtel: new AirtelMoneyCollection({ ...airtel.credentials, baseUrl: airtel.url, callbackSecret }),
    },
    close: () => Promise.all([mtn.close(), airtel.close(), front.close()]),
  };
}

/**
 * Starts the Graph API stand-in, then the real bot configured against it (random secrets, port 0),
 * exactly as `pnpm start` would run against Meta. Needs no credentials and no services.
 * @example
 * const sim = await startSimulation();
 * const grace = sim.customer("242061234567", "Grâce");
 * await grace.say("Bonjour");
 * await grace.expect("Bienvenue", 5000);
 */
export async function startSimulation(options: SimulationOptions = {}): Promise<Simulation> {
  const secrets = {
    accessToken: `EAAG${randomBytes(24).toString("hex")}`,
    appSecret: randomBytes(16).toString("hex"),
    verifyToken: randomBytes(8).toString("hex"),
    phoneNumberId: "106540352242922",
  };
  const graph = await startGraphStandIn({ accessToken: secrets.accessToken, phoneNumberId: secrets.phoneNumberId });
  const { phone, ...polling } = options.mobileMoney ?? {};
  const front = options.mobileMoney ? await startCallbackFront() : undefined;
  const mobileMoney = front ? await startMobileMoney(phone, front) : undefined;
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    WHATSAPP_TOKEN: secrets.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: secrets.phoneNumberId,
    WHATSAPP_APP_SECRET: secrets.appSecret,
    WHATSAPP_VERIFY_TOKEN: secrets.verifyToken,
    WHATSAPP_API_BASE_URL: graph.url,
    LOG_LEVEL: options.logLevel ?? "warn",
    // The grocery's Meta catalogue: the simulator's carts (signer.cart) come from it.
    WHATSAPP_CATALOG_ID: DEMO_CATALOG_ID,
    ...options.env,
  };
  try {
    const config = loadConfig(env);
    const logger = options.logger ?? createLogger(config.LOG_LEVEL);
    const bot = await createBot({
      config,
      logger,
      env,
      ...(options.backend ? { backend: options.backend } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      // The stand-ins' phones answer at once: the first status query need not wait 3 s.
      ...(mobileMoney ? { mobileMoney: { firstPollMs: 100, ...polling, providers: mobileMoney.providers } } : {}),
    });
    const server = await bot.listen();
    front?.forwardTo(server.url);
    const signer = createWebhookSigner({ appSecret: secrets.appSecret, phoneNumberId: secrets.phoneNumberId });
    const customers: SimulatedCustomer[] = [];
    return {
      bot,
      server,
      graph,
      signer,
      secrets,
      mobileMoney: mobileMoney?.standIns,
      customer(waId, name = "Client", onMessage) {
        const c = new SimulatedCustomer({
          botUrl: server.url,
          graph,
          signer,
          waId,
          name,
          settle: () => bot.drain(),
          ...(onMessage ? { onMessage } : {}),
        });
        customers.push(c);
        return c;
      },
      async close() {
        for (const c of customers) c.close();
        await bot.close();
        await graph.close();
        await mobileMoney?.close();
      },
    };
  } catch (error) {
    await graph.close();
    await (mobileMoney ? mobileMoney.close() : front?.close());
    throw error;
  }
}
