import { FlowsValidationError } from "../errors.js";
import type { Catalogue } from "../i18n/catalogue.js";
import type { InboundMessage, UserInput } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import type { MarketingConsentBook } from "../notifications/marketing-consent.js";
import type { Locale, Session, SessionUser } from "../sessions/types.js";
import type { AnalyticsEvent } from "./analytics.js";
import { commandId, normalizeWords } from "./commands.js";
import type { LatePaymentHandler } from "./late-payment.js";
import type { LocationHook } from "./location-hook.js";
import { marketingQuestion, shouldAskMarketing } from "./marketing.js";
import { buildMenu } from "./menu.js";
import { withProgress } from "./progress.js";
import { type Completion, END, type FlowContext, type FlowDefinition, type FlowOpening, type Step } from "./types.js";
import type { Understanding } from "./understanding.js";

/** A flow definition with its data type erased (engine internal). */
export type Def = FlowDefinition<Record<string, unknown>>;
type AnyStep = Step<Record<string, unknown>>;

/** Engine settings a turn needs (resolved once by the engine). */
export interface TurnConfig {
  flows: ReadonlyMap<string, Def>;
  nlu: Understanding;
  catalogues: Record<Locale, Catalogue>;
  defaultLocale: Locale;
  expiryMs: number;
  intentThreshold: number;
  maxAttempts: number;
  authFlow: string | undefined;
  identify: ((userId: string) => Promise<SessionUser | undefined>) | undefined;
  /** What a Mobile Money settlement the conversation no longer waits for means (see `late-payment.ts`). */
  latePayment?: LatePaymentHandler | undefined;
  /** Hears shared locations before the turn (see `location-hook.ts`). */
  onLocation?: LocationHook | undefined;
  /** Users' marketing consent: the opt-in question, "OFFRES" and "STOP" (see `marketing.ts`). */
  marketing?: MarketingConsentBook | undefined;
  /** Another user's session language, when the engine keeps one (see {@link FlowContext.localeOf}). */
  localeOf?: ((userId: string) => Promise<Locale | undefined>) | undefined;
}

const maxHistory = 30;
const isKnown = (v: unknown): boolean => v !== undefined && v !== null && v !== "";
const asList = (r: Reply | Reply[]): Reply[] => (Array.isArray(r) ? r : [r]);

/**
 * Moves a session through its flows for one inbound message: starts flows (with role checks),
 * parses answers, skips known steps, prompts with progress, completes. Collects replies and events.
 */
export class Navigator {
  readonly replies: Reply[] = [];
  readonly events: AnalyticsEvent[] = [];
  readonly cfg: TurnConfig;
  readonly session: Session;
  readonly #inbound: InboundMessage;
  readonly #now: number;

  constructor(cfg: TurnConfig, session: Session, inbound: InboundMessage, now: number) {
    this.cfg = cfg;
    this.session = session;
    this.#inbound = inbound;
    this.#now = now;
  }

  /** The texts of the session's locale. */
  get t(): Catalogue {
    return this.cfg.catalogues[this.session.locale ?? this.cfg.defaultLocale];
  }

  /** WhatsApp profile name of the sender. */
  get contactName(): string | undefined {
    return this.#inbound.contactName;
  }

  /** True when the text is the title of a button or row the current step offers (typed instead of tapped). */
  async offersOption(text: string): Promise<boolean> {
    const typed = normalizeWords(text);
    const replies = await this.#currentPrompt();
    return replies.some(
      (r) =>
        (r.type === "buttons" && r.buttons.some((b) => normalizeWords(b.title) === typed)) ||
        (r.type === "list" && r.sections.some((sec) => sec.rows.some((row) => normalizeWords(row.title) === typed))),
    );
  }

  /** Looks the sender's account up once per turn while the session has none (menus and role checks need it). */
  async identify(): Promise<void> {
    const s = this.session;
    if (s.user || s.signedOut || !this.cfg.identify) return;
    const found = await this.cfg.identify(s.userId);
    if (found) s.user = found;
  }

  /** True when the current step's question asks for a location (its prompt holds a location request). */
  async asksForLocation(): Promise<boolean> {
    return (await this.#currentPrompt()).some((r) => r.type === "location_request");
  }

  /** The current step's question as it would be asked now; none outside a flow. */
  async #currentPrompt(): Promise<Reply[]> {
    const flow = this.session.flow;
    const def = flow ? this.cfg.flows.get(flow.id) : undefined;
    const step = def?.steps.find((x) => x.id === flow?.step);
    if (!def || !step) return [];
    return asList(await step.prompt(this.ctx(def)));
  }

  /** Sends a text reply. */
  say(body: string): void {
    this.replies.push({ type: "text", body });
  }

  // ── starting, advancing, completing a flow ───────────────────────────

  async startFlow(
    id: string,
    initialText?: string,
    then?: string,
    opening?: FlowOpening<Record<string, unknown>>,
  ): Promise<void> {
    const s = this.session;
    const def = this.cfg.flows.get(id);
    if (!def) {
      this.replies.push({ type: "text", body: this.t.engine.notUnderstood });
      this.menu();
      return;
    }
    if (def.roles && def.roles.length > 0) {
      await this.identify();
      if (!s.user) {
        const auth = this.cfg.authFlow;
        if (auth && auth !== id) {
          await this.startFlow(auth, undefined, id);
          return;
        }
      }
      if (s.user && !def.roles.includes(s.user.role) && def.otherwise && this.cfg.flows.has(def.otherwise)) {
        await this.startFlow(def.otherwise);
        return;
      }
      if (!s.user || !def.roles.includes(s.user.role)) {
        this.replies.push({ type: "text", body: this.t.engine.roleRequired(def.roles.map((r) => this.t.roles[r])) });
        this.menu();
        return;
      }
    }
    s.flow = {
      id,
      step: def.steps[0]?.id ?? END,
      data: {},
      history: [],
      attempts: 0,
      startedAt: this.#now,
      ...(then === undefined ? {} : { then }),
    };
    const initial = (await def.start?.(this.ctx(def))) ?? {};
    Object.assign(s.flow.data, initial, opening?.data);
    if (opening?.say) this.say(opening.say);
    if (opening?.step && def.steps.some((x) => x.id === opening.step)) {
      await this.goTo(def, opening.step, true);
      return;
    }
    if (initialText !== undefined) await this.keep(def, initialText, []);
    await this.goTo(def, def.steps[0]?.id ?? END, false);
  }

  /** Moves to `id`, skipping steps whose fields are known unless `explicit`. */
  async goTo(def: Def, id: string | undefined, explicit: boolean): Promise<void> {
    const flow = this.session.flow;
    if (!flow) return;
    let target = id;
    const skipAllowed = !explicit;
    for (let guard = 0; guard <= def.steps.length; guard++) {
      if (target === undefined || target === END) {
        await this.complete(def);
        return;
      }
      const step = def.steps.find((x) => x.id === target);
      if (!step) throw new FlowsValidationError(`flows.${def.id}.steps`, `no step "${target}"`, "FLOWS_INVALID_FLOW");
      if (skipAllowed && step.fills && step.fills.length > 0 && step.fills.every((f) => isKnown(flow.data[f]))) {
        target = this.after(def, step);
        continue;
      }
      flow.step = step.id;
      flow.attempts = 0;
      await this.prompt(def, step);
      return;
    }
    throw new FlowsValidationError(
      `flows.${def.id}.steps`,
      "next() loops without asking anything",
      "FLOWS_INVALID_FLOW",
    );
  }

  after(def: Def, step: AnyStep): string | undefined {
    const data = this.session.flow?.data ?? {};
    const chosen = step.next?.(data);
    if (chosen !== undefined) return chosen;
    const index = def.steps.indexOf(step);
    return def.steps[index + 1]?.id ?? END;
  }

  async prompt(def: Def, step: AnyStep): Promise<void> {
    const replies = asList(await step.prompt(this.ctx(def)));
    const counted =
      def.progress === false || step.progress === false ? [] : def.steps.filter((x) => x.progress !== false);
    const position = counted.indexOf(step);
    this.replies.push(
      ...(position >= 0 ? withProgress(replies, this.t.engine.progress(position + 1, counted.length)) : replies),
    );
    this.events.push({ kind: "funnel", user: this.session.userId, flow: def.id, step: step.id });
  }

  async repromptCurrent(): Promise<void> {
    const flow = this.session.flow;
    const def = flow ? this.cfg.flows.get(flow.id) : undefined;
    const step = def && flow ? def.steps.find((x) => x.id === flow.step) : undefined;
    if (def && step) await this.prompt(def, step);
    else {
      this.session.flow = undefined;
      this.menu();
    }
  }

  async complete(def: Def): Promise<void> {
    const s = this.session;
    const then = s.flow?.then;
    const raw = await def.complete(this.ctx(def));
    const done: Completion = Array.isArray(raw) || "type" in raw ? { replies: asList(raw as Reply | Reply[]) } : raw;
    s.flow = undefined;
    if (done.user) {
      s.user = done.user;
      delete s.signedOut;
    }
    if (done.signOut) {
      delete s.user;
      s.signedOut = true;
    }
    this.replies.push(...done.replies);
    if (done.conversion) this.events.push({ kind: "conversion", user: s.userId, ...done.conversion });
    const next = done.then ?? then;
    if (next) await this.startFlow(next);
    // A new account's menu is the next step: it now holds the role's own entries first.
    else if (def.id === this.cfg.authFlow && done.user) this.menu();
    else if (shouldAskMarketing(this.cfg.marketing, s.userId, done.conversion?.type)) {
      // Once the first order is placed, the customer is asked whether they want offers: consent, not silence.
      this.replies.push(marketingQuestion(this.t));
      s.pending = { kind: "marketing" };
    }
  }

  async answerStep(input: UserInput): Promise<void> {
    const s = this.session;
    const flow = s.flow;
    const def = flow ? this.cfg.flows.get(flow.id) : undefined;
    const step = def && flow ? def.steps.find((x) => x.id === flow.step) : undefined;
    if (!flow || !def || !step) {
      s.flow = undefined;
      this.menu();
      return;
    }
    const result = await step.parse(input, this.ctx(def));
    const own = new Set<string>(step.fills ?? []);
    const text = input.kind === "text" && step.extract !== false ? input.text : undefined;
    if (!result.ok) {
      flow.attempts += 1;
      // The rest of the message is kept even though this step's field was wrong: only it is asked again.
      if (text !== undefined) await this.keep(def, text, [...own]);
      this.replies.push({ type: "text", body: result.error });
      if (flow.attempts >= this.cfg.maxAttempts) {
        flow.attempts = 0;
        const t = this.t;
        this.replies.push({
          type: "buttons",
          body: t.engine.helpOffer,
          buttons: [
            { id: commandId("help"), title: t.engine.buttons.help },
            { id: commandId("cancel"), title: t.engine.buttons.cancel },
            { id: commandId("menu"), title: t.engine.buttons.menu },
          ],
        });
      } else {
        // Interactive prompts are re-sent so the buttons are at hand again (not the pictures).
        const prompt = asList(await step.prompt(this.ctx(def)));
        this.replies.push(
          ...prompt.filter((r) => r.type === "buttons" || r.type === "list" || r.type === "location_request"),
        );
      }
      return;
    }
    for (const field of result.clear ?? []) delete flow.data[field];
    if (result.set) Object.assign(flow.data, result.set);
    if (text !== undefined) await this.keep(def, text, [...own, ...Object.keys(result.set ?? {})]);
    // Bounded: a driver's status loop must not grow the session for ever.
    flow.history = [...flow.history.slice(-(maxHistory - 1)), step.id];
    flow.attempts = 0;
    if (result.say) this.replies.push({ type: "text", body: result.say });
    if (result.goto !== undefined) await this.goTo(def, result.goto, true);
    else await this.goTo(def, this.after(def, step), false);
  }

  /**
   * Whatever else a message says is kept: the flow's `extract` fills fields of later steps that are
   * still unknown (never the ones in `except`, which the current step owns), and they are confirmed
   * back in one message, so the user knows which steps will be skipped.
   */
  async keep(def: Def, text: string, except: readonly string[]): Promise<void> {
    if (!def.extract) return;
    const kept = this.merge(def, await def.extract(text, this.ctx(def)), except);
    if (Object.keys(kept).length === 0 || !def.noted) return;
    const lines = await def.noted(kept, this.ctx(def));
    if (lines.length > 0) this.say(lines.map((l) => `✅ ${l}`).join("\n"));
  }

  /** Fills only fields that are still unknown, never the ones in `except`; returns what it filled. */
  merge(def: Def, extracted: Record<string, unknown>, except: readonly string[]): Record<string, unknown> {
    const flow = this.session.flow;
    const filled: Record<string, unknown> = {};
    if (!flow || flow.id !== def.id) return filled;
    for (const [key, value] of Object.entries(extracted)) {
      if (except.includes(key) || isKnown(flow.data[key]) || !isKnown(value)) continue;
      flow.data[key] = value;
      filled[key] = value;
    }
    return filled;
  }

  menu(): void {
    this.replies.push(buildMenu(this.t, [...this.cfg.flows.values()], this.session.user));
  }

  flowForIntent(intent: string): Def | undefined {
    for (const def of this.cfg.flows.values()) if (def.intents?.includes(intent as never)) return def;
    return undefined;
  }

  flowTitle(id: string): string {
    return this.cfg.flows.get(id)?.menuTitle?.(this.t) ?? id;
  }

  ctx(def: Def | undefined): FlowContext<Record<string, unknown>> {
    const s = this.session;
    const locale = s.locale ?? this.cfg.defaultLocale;
    return {
      userId: s.userId,
      contactName: this.#inbound.contactName,
      locale,
      t: this.cfg.catalogues[locale],
      data: def && s.flow?.id === def.id ? s.flow.data : {},
      user: s.user,
      messageId: this.#inbound.id,
      now: new Date(this.#now),
      nlu: this.cfg.nlu,
      localeOf: async (userId) =>
        (await this.cfg.localeOf?.(userId.replace(/\D/g, "")).catch(() => undefined)) ?? this.cfg.defaultLocale,
    };
  }
}
