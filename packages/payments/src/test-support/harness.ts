// Test wiring: both stand-ins, both clients, a callback receiver over HTTP and a collector counting onSettled.
import { createServer, type Server } from "node:http";
import { AirtelMoneyCollection } from "../airtel/airtel-money-collection.js";
import type { PaymentCollectorOptions } from "../collector/options.js";
import { PaymentCollector } from "../collector/payment-collector.js";
import { MemoryPaymentStore, type PaymentStore, type StoredPayment } from "../collector/payment-store.js";
import type { Operator } from "../core/types.js";
import { MtnMomoCollection } from "../mtn/mtn-momo-collection.js";
import {
  type AirtelMoneyStandIn,
  type AirtelMoneyStandInOptions,
  startAirtelMoneyStandIn,
} from "../testing/airtel-stand-in.js";
import type { PhoneAnswer, SimulatedPhone } from "../testing/knobs.js";
import type { MtnMomoStandInOptions } from "../testing/mtn-stand-in.js";
import { type MtnMomoStandIn, startMtnMomoStandIn } from "../testing/mtn-stand-in.js";

export interface Harness {
  mtnStandIn: MtnMomoStandIn;
  airtelStandIn: AirtelMoneyStandIn;
  mtn: MtnMomoCollection;
  airtel: AirtelMoneyCollection;
  store: PaymentStore;
  /** Every onSettled call, in order. */
  settled: StoredPayment[];
  /** Where providers send callbacks: `${callbackUrl}/mtn` or `/airtel`. */
  callbackUrl: string;
  /** Every callback the receiver got. */
  callbacks: Array<{ operator: Operator; body: string; handled: Promise<string | undefined> }>;
  collector: PaymentCollector;
  /** A second collector on the same store, as after a restart. */
  restart(): PaymentCollector;
  close(): Promise<void>;
}

export const FAST_POLLS = { firstPollMs: 10, pollFactor: 1.5, maxPollMs: 100 } as const;

export async function startHarness(
  options: {
    mtn?: MtnMomoStandInOptions;
    airtel?: AirtelMoneyStandInOptions;
    collector?: Partial<PaymentCollectorOptions>;
    timeoutMs?: number;
  } = {},
): Promise<Harness> {
  const callbacks: Harness["callbacks"] = [];
  let collector: PaymentCollector | undefined;
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const operator: Operator = (req.url ?? "").startsWith("/airtel") ? "airtel" : "mtn";
      const body = Buffer.concat(chunks).toString("utf8");
      // Acknowledge first, as a webhook must; the collector only queries.
      res.writeHead(200).end();
      const handled = collector?.handleCallback(operator, body, req.url) ?? Promise.resolve(undefined);
      callbacks.push({ operator, body, handled });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as { port: number }).port;
  const callbackUrl = `http://127.0.0.1:${port}`;

  const mtnStandIn = await startMtnMomoStandIn(options.mtn);
  const airtelStandIn = await startAirtelMoneyStandIn({ callbackUrl: `${callbackUrl}/airtel`, ...options.airtel });
  const timeoutMs = options.timeoutMs ?? 2000;
  const mtn = new MtnMomoCollection({
    ...mtnStandIn.credentials,
    baseUrl: mtnStandIn.url,
    callbackUrl: `${callbackUrl}/mtn`,
    timeoutMs,
  });
  const airtel = new AirtelMoneyCollection({ ...airtelStandIn.credentials, baseUrl: airtelStandIn.url, timeoutMs });
  const store = new MemoryPaymentStore();
  const settled: StoredPayment[] = [];
  const collectors: PaymentCollector[] = [];
  const make = (): PaymentCollector => {
    const c = new PaymentCollector({
      providers: { mtn, airtel },
      store,
      onSettled: (p) => {
        settled.push(p);
      },
      ...FAST_POLLS,
      ...options.collector,
    });
    collectors.push(c);
    collector = c;
    return c;
  };
  return {
    mtnStandIn,
    airtelStandIn,
    mtn,
    airtel,
    store,
    settled,
    callbackUrl,
    callbacks,
    collector: make(),
    restart: make,
    close: async () => {
      for (const c of collectors) c.close();
      receiver.closeAllConnections();
      await Promise.all([mtnStandIn.close(), airtelStandIn.close(), new Promise((r) => receiver.close(r))]);
    },
  };
}

/** Resolves once `predicate` holds, checking on each event-loop turn (no timing threshold: vitest's timeout bounds it). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 5));
}

/**
 * A phone whose payer answers when the test says so: the payment stays in progress at the provider until
 * `answer` is called (a payer approving after the collector gave up, say).
 */
export function heldPhone(): { phone: SimulatedPhone; prompted: () => boolean; answer: (a: PhoneAnswer) => void } {
  const answers: Array<(a: PhoneAnswer) => void> = [];
  return {
    phone: () => new Promise<PhoneAnswer>((resolve) => answers.push(resolve)),
    prompted: () => answers.length > 0,
    answer: (a) => {
      for (const resolve of answers.splice(0)) resolve(a);
    },
  };
}
