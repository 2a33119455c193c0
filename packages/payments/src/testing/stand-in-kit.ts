import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { request } from "undici";
import { header, type LoopbackServer, type RecordedRequest } from "./http-server.js";
import {
  type CallbackMode,
  type Fault,
  FaultBoard,
  type FaultTarget,
  type SimulatedPhone,
  underFault,
} from "./knobs.js";
import { acceptingPhone, type Ledger, type SimulatedPayment } from "./ledger.js";

/** What both stand-ins offer a test. */
export interface StandInControls {
  /** Base URL to give the client as `baseUrl`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Payments by id. */
  readonly payments: ReadonlyMap<string, SimulatedPayment>;
  /** Successful payments, one entry per debit: a payment charged twice would appear twice. */
  readonly debits: readonly SimulatedPayment[];
  /** How many tokens were issued. */
  readonly tokensIssued: number;
  /** Replaces the payer's phone. */
  setPhone(phone: SimulatedPhone): void;
  /** How many callbacks each final payment sends. */
  setCallbacks(mode: CallbackMode): void;
  /** Makes the next `times` requests on `target` fail as `fault` says. */
  setFault(target: FaultTarget, fault: Fault, times?: number): void;
  /** Clears every armed fault. */
  clearFaults(): void;
  /** Expires every token issued so far (they get 401), as when a token outlives its lifetime. */
  revokeTokens(): void;
  close(): Promise<void>;
}

/** The state both stand-ins share: tokens, faults, the phone, the callback mode. */
export class StandInKit {
  readonly faults: FaultBoard = new FaultBoard();
  phone: SimulatedPhone;
  callbacks: CallbackMode;
  tokensIssued = 0;
  readonly #tokens = new Map<string, number>(); // token → expiry, epoch ms

  constructor(options: { phone?: SimulatedPhone | undefined; callbacks?: CallbackMode | undefined }) {
    this.phone = options.phone ?? acceptingPhone;
    this.callbacks = options.callbacks ?? "once";
  }

  /**
   * A payment-status route under the armed `status` fault: `answer` gets the payment `id` from `ledger`
   * (`undefined` when it has none) and writes the provider's own answer. Resolves `"hang"` when it must not answer.
   */
  answerStatus(
    ledger: Ledger,
    res: ServerResponse,
    id: string,
    answer: (payment: SimulatedPayment | undefined) => void,
  ): Promise<undefined | "hang"> {
    return underFault(
      this.faults.take("status"),
      res,
      async () => answer(ledger.payments.get(id)),
      async () => {},
    );
  }

  /** A token route under the armed `token` fault (nothing to record); `answer` checks the credentials and answers. */
  answerToken(res: ServerResponse, answer: () => Promise<void>): Promise<undefined | "hang"> {
    return underFault(this.faults.take("token"), res, answer, async () => {});
  }

  /**
   * A payment-request route under the armed `request` fault. `open` puts payment `id` in the ledger; it runs
   * once per id, also when a fault answers an error after recording (a provider that took the request but
   * failed to say so). An id the ledger holds gets `answers.duplicate`; a new one is opened, then `answers.accepted`.
   * Resolves `"hang"` when it must not answer.
   */
  answerRequest(
    ledger: Ledger,
    res: ServerResponse,
    id: string,
    open: () => void,
    answers: { duplicate: () => void; accepted: () => void },
  ): Promise<undefined | "hang"> {
    const record = async (): Promise<void> => {
      if (!ledger.payments.has(id)) open();
    };
    return underFault(
      this.faults.take("request"),
      res,
      async () => {
        if (ledger.payments.has(id)) return answers.duplicate();
        await record();
        answers.accepted();
      },
      record,
    );
  }

  /** A new bearer token living `lifetimeSec`. */
  issueToken(lifetimeSec: number): string {
    const token = randomUUID();
    this.#tokens.set(token, Date.now() + lifetimeSec * 1000);
    this.tokensIssued += 1;
    return token;
  }

  /** True when the request carries a live bearer token. */
  hasLiveToken(req: RecordedRequest): boolean {
    const token = /^Bearer (.+)$/.exec(header(req, "authorization") ?? "")?.[1];
    const expiry = token === undefined ? undefined : this.#tokens.get(token);
    return expiry !== undefined && expiry > Date.now();
  }

  /** Sends a final payment's callback as many times as the mode says; a receiver that fails is ignored. */
  sendCallbacks(url: string | undefined, method: "PUT" | "POST", body: unknown): void {
    if (url === undefined || this.callbacks === "never") return;
    const times = this.callbacks === "twice" ? 2 : 1;
    void (async () => {
      for (let i = 0; i < times; i++) {
        await request(url, {
          method,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }).then(
          (r) => r.body.dump(),
          () => undefined,
        );
      }
    })();
  }

  /** The test-facing handle of a stand-in, with `extra` (its credentials) on it. */
  controls<T extends object>(server: LoopbackServer, ledger: Ledger, extra: T): StandInControls & T {
    const kit = this;
    return {
      ...extra,
      url: server.url,
      requests: server.requests,
      payments: ledger.payments,
      debits: ledger.debits,
      get tokensIssued() {
        return kit.tokensIssued;
      },
      setPhone: (phone) => {
        kit.phone = phone;
      },
      setCallbacks: (mode) => {
        kit.callbacks = mode;
      },
      setFault: (target, fault, times = 1) => kit.faults.arm(target, fault, times),
      clearFaults: () => kit.faults.clear(),
      revokeTokens: () => {
        for (const key of kit.#tokens.keys()) kit.#tokens.set(key, 0);
      },
      close: async () => {
        ledger.close();
        await server.close();
      },
    };
  }
}
