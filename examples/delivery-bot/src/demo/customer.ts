import type { GraphStandIn, OutboundMessage } from "../simulator/graph-stand-in.ts";
import type { SignedDelivery, WebhookSigner } from "../simulator/webhook-signer.ts";
import { type Choice, type RenderedMessage, renderOutbound } from "./render.ts";

/** A bot message as the simulated phone shows it. */
export interface InboxMessage extends RenderedMessage {
  id: string;
}

/** Options of {@link SimulatedCustomer}. */
export interface SimulatedCustomerOptions {
  /** The bot's base URL; deliveries go to `${botUrl}/webhook`. */
  botUrl: string;
  graph: GraphStandIn;
  signer: WebhookSigner;
  /** WhatsApp ID of the customer (digits). */
  waId: string;
  name: string;
  /** Resolves when the bot finished handling what it received (`bot.drain`). */
  settle: () => Promise<void>;
  /** Called for each bot message addressed to this customer. */
  onMessage?: (message: InboxMessage) => void;
}

const LOCATION = /^\/loc\s+(-?\d+(?:[.,]\d+)?)\s*[, ]\s*(-?\d+(?:[.,]\d+)?)(?:\s+(.+))?$/i;
const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("fr");

/**
 * One customer's phone in the simulator: turns what they type into signed webhook deliveries
 * (text, button and list replies by number, `/loc` shares) and collects the bot's answers
 * from the Graph API stand-in.
 */
export class SimulatedCustomer {
  readonly inbox: InboxMessage[] = [];
  /** Per message sent: ms from the webhook POST until the bot settled (every reply sent). */
  readonly timings: number[] = [];
  readonly #options: SimulatedCustomerOptions;
  readonly #off: () => void;
  #choices: { messageId: string; choices: Choice[] } | undefined;
  /** Where the last expectation matched: later ones search from there (same message included). */
  #cursor = { index: 0, offset: 0 };
  #waiters = new Set<() => void>();

  constructor(options: SimulatedCustomerOptions) {
    this.#options = options;
    this.#off = options.graph.onMessage((m) => this.#receive(m));
  }

  /** WhatsApp ID of this customer (digits). */
  get waId(): string {
    return this.#options.waId;
  }

  /** The choices of the latest bot message that offered some. */
  get choices(): readonly Choice[] {
    return this.#choices?.choices ?? [];
  }

  #receive(m: OutboundMessage): void {
    if (m.to.replace(/\D/g, "") !== this.#options.waId) return;
    const message: InboxMessage = { id: m.id, ...renderOutbound(m.body) };
    this.inbox.push(message);
    if (message.choices.length > 0) this.#choices = { messageId: m.id, choices: message.choices };
    this.#options.onMessage?.(message);
    for (const wake of this.#waiters) wake();
  }

  /** Builds the delivery for what the customer typed. */
  delivery(input: string): SignedDelivery {
    const { signer, waId, name } = this.#options;
    const sender = { from: waId, name };
    const location = LOCATION.exec(input.trim());
    if (location) {
      const [, lat, lon, placeName] = location;
      return signer.location(sender, {
        latitude: Number(lat?.replace(",", ".")),
        longitude: Number(lon?.replace(",", ".")),
        ...(placeName ? { name: placeName } : {}),
      });
    }
    const pick = /^\d{1,2}$/.test(input.trim()) ? this.choices[Number(input.trim()) - 1] : undefined;
    if (pick && this.#choices) {
      const quoted = { ...sender, replyTo: this.#choices.messageId };
      return pick.kind === "button"
        ? signer.buttonReply(quoted, { id: pick.id, title: pick.title })
        : signer.listReply(quoted, {
            id: pick.id,
            title: pick.title,
            ...(pick.description ? { description: pick.description } : {}),
          });
    }
    return signer.text(sender, input);
  }

  /** Sends what the customer typed and waits until the bot has handled it. */
  async say(input: string): Promise<SignedDelivery> {
    const delivery = this.delivery(input);
    await this.post(delivery);
    return delivery;
  }

  /**
   * Sends a photo: `upload` puts the bytes where Meta would hold them (the Graph stand-in) and answers
   * their media id, then the image message goes to the bot like any other.
   */
  async photo(upload: () => Promise<{ id: string; mimeType: string }>, caption?: string): Promise<SignedDelivery> {
    const { id, mimeType } = await upload();
    const { signer, waId, name } = this.#options;
    const delivery = signer.image({ from: waId, name }, { mediaId: id, mimeType, ...(caption ? { caption } : {}) });
    await this.post(delivery);
    return delivery;
  }

  /**
   * Sends a cart from the business's WhatsApp catalogue (an `order` message), as the customer's
   * "Envoyer au vendeur" in the catalogue does: the retailer ids, quantities and the prices they saw.
   */
  async cart(order: Parameters<WebhookSigner["cart"]>[1]): Promise<SignedDelivery> {
    const { signer, waId, name } = this.#options;
    const delivery = signer.cart({ from: waId, name }, order);
    await this.post(delivery);
    return delivery;
  }

  /** POSTs a delivery (also to re-send one, as Meta does on redelivery) and waits for the bot to settle. */
  async post(delivery: SignedDelivery): Promise<void> {
    const started = performance.now();
    const res = await fetch(`${this.#options.botUrl}/webhook`, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });
    if (res.status !== 200) throw new Error(`the bot answered the webhook with HTTP ${res.status}`);
    await res.arrayBuffer();
    await this.#options.settle();
    this.timings.push(performance.now() - started);
  }

  /**
   * Waits for `expected` (case-insensitive) in the bot's messages, after the point where the previous
   * expectation matched — so several lines can check one message, in order. Rejects after `timeoutMs`
   * listing what came instead.
   */
  expect(expected: string, timeoutMs: number): Promise<InboxMessage> {
    const needle = fold(expected);
    const find = (): InboxMessage | undefined => {
      for (let i = this.#cursor.index; i < this.inbox.length; i++) {
        const m = this.inbox[i] as InboxMessage;
        const haystack = fold(m.text);
        const at = haystack.indexOf(needle, i === this.#cursor.index ? this.#cursor.offset : 0);
        if (at >= 0) {
          this.#cursor = { index: i, offset: at + needle.length };
          return m;
        }
      }
      return undefined;
    };
    const now = find();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const wake = () => {
        const m = find();
        if (!m) return;
        done();
        resolve(m);
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.inbox.slice(this.#cursor.index).map((m) => `    ${m.text.split("\n")[0]}`);
        reject(
          new Error(
            `no reply containing ${JSON.stringify(expected)} within ${timeoutMs} ms; received instead:\n${seen.join("\n") || "    (nothing)"}`,
          ),
        );
      }, timeoutMs);
      timer.unref();
      this.#waiters.add(wake);
    });
  }

  /** Stops listening to the stand-in. */
  close(): void {
    this.#off();
  }
}
