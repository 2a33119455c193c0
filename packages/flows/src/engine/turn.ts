import { FlowsValidationError } from "../errors.js";
import type { Catalogue } from "../i18n/catalogue.js";
import type { InboundMessage, UserInput } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import type { Locale, Session, SessionUser } from "../sessions/types.js";
import type { AnalyticsEvent } from "./analytics.js";
import { type Command, commandId, detectCommand, normalizeWords } from "./commands.js";
import { buildMenu } from "./menu.js";
import { withProgress } from "./progress.js";
import { type Completion, END, type FlowContext, type FlowDefinition, type Step } from "./types.js";
import type { Understanding } from "./understanding.js";

type Def = FlowDefinition<Record<string, unknown>>;
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
}

const isKnown = (v: unknown): boolean => v !== undefined && v !== null && v !== "";
const asList = (r: Reply | Reply[]): Reply[] => (Array.isArray(r) ? r : [r]);

/** The handling of one inbound message against one session: mutates the session, collects replies and events. */
export class Turn {
  readonly replies: Reply[] = [];
  readonly events: AnalyticsEvent[] = [];
  readonly #cfg: TurnConfig;
  readonly #session: Session;
  readonly #inbound: InboundMessage;
  readonly #now: number;
  readonly #input: UserInput;

  constructor(cfg: TurnConfig, session: Session, inbound: InboundMessage, input: UserInput, now: number) {
    this.#cfg = cfg;
    this.#session = session;
    this.#inbound = inbound;
    this.#input = input;
    this.#now = now;
  }

  get #t(): Catalogue {
    return this.#cfg.catalogues[this.#session.locale ?? this.#cfg.defaultLocale];
  }

  async run(): Promise<void> {
    const s = this.#session;
    const input = this.#input;
    const command = detectCommand(input);

    if (
      s.flow &&
      !s.pending &&
      this.#now - s.updatedAt > this.#cfg.expiryMs &&
      command !== "menu" &&
      command !== "cancel"
    ) {
      s.pending = { kind: "resume" };
      const t = this.#t;
      this.replies.push({
        type: "buttons",
        body: t.engine.expired(this.#flowTitle(s.flow.id)),
        buttons: [
          { id: commandId("resume"), title: t.engine.buttons.resume },
          { id: commandId("restart"), title: t.engine.buttons.restart },
        ],
      });
      return;
    }
    if (s.pending && (await this.#answerPending(command))) return;
    if (command && (await this.#runCommand(command))) return;
    if (s.flow) await this.#inFlow();
    else await this.#idle();
  }

  // ── pending questions ────────────────────────────────────────────────

  /** Returns true when the input answered the pending question. */
  async #answerPending(command: Command | undefined): Promise<boolean> {
    const s = this.#session;
    const pending = s.pending;
    s.pending = undefined;
    if (!pending) return false;
    const yes = command === "yes" || command === "resume";
    const no = command === "no" || command === "restart";
    switch (pending.kind) {
      case "resume":
        if (yes) {
          this.replies.push({ type: "text", body: this.#t.engine.resumed });
          await this.#repromptCurrent();
          return true;
        }
        s.flow = undefined;
        if (no) {
          this.#menu();
          return true;
        }
        return false;
      case "cancel":
        if (yes) {
          this.#cancel();
          return true;
        }
        if (no) {
          await this.#repromptCurrent();
          return true;
        }
        return false;
      case "switch":
        if (yes) {
          s.flow = undefined;
          await this.#startFlow(pending.flowId, pending.text);
          return true;
        }
        if (no) {
          if (pending.text !== undefined && s.flow) {
            await this.#answerStep({ kind: "text", text: pending.text });
          } else {
            await this.#repromptCurrent();
          }
          return true;
        }
        return false;
    }
  }

  // ── global commands ──────────────────────────────────────────────────

  async #runCommand(command: Command): Promise<boolean> {
    const s = this.#session;
    const t = this.#t;
    switch (command) {
      case "menu":
        s.flow = undefined;
        this.#menu();
        return true;
      case "cancel":
        if (s.flow) this.#cancel();
        else {
          this.replies.push({ type: "text", body: t.engine.nothingToCancel });
          this.#menu();
        }
        return true;
      case "back": {
        const flow = s.flow;
        if (!flow) {
          this.#menu();
          return true;
        }
        const previous = flow.history.pop();
        if (previous === undefined) this.replies.push({ type: "text", body: t.engine.alreadyAtStart });
        else {
          flow.step = previous;
          flow.attempts = 0;
        }
        await this.#repromptCurrent();
        return true;
      }
      case "help": {
        const def = s.flow ? this.#cfg.flows.get(s.flow.id) : undefined;
        const step = def && s.flow ? def.steps.find((x) => x.id === s.flow?.step) : undefined;
        const specific = step?.help?.(this.#ctx(def));
        this.replies.push({ type: "text", body: specific ? `${specific}\n\n${t.engine.help}` : t.engine.help });
        if (s.flow) await this.#repromptCurrent();
        else this.#menu();
        return true;
      }
      case "french":
      case "english":
        s.locale = command === "french" ? "fr" : "en";
        if (s.flow) await this.#repromptCurrent();
        else this.#menu();
        return true;
      default:
        // yes/no/resume/restart outside a question: let the flow read them as plain answers.
        return false;
    }
  }

  #cancel(): void {
    this.#session.flow = undefined;
    this.replies.push({ type: "text", body: this.#t.engine.cancelled });
    this.#menu();
  }

  #menu(): void {
    this.replies.push(buildMenu(this.#t, [...this.#cfg.flows.values()], this.#session.user));
  }

  // ── idle: no flow running ────────────────────────────────────────────

  async #idle(): Promise<void> {
    const input = this.#input;
    const t = this.#t;
    if (input.kind === "choice" && input.id.startsWith("flow:")) {
      await this.#startFlow(input.id.slice(5));
      return;
    }
    if (input.kind === "text") {
      const { intent, confidence } = this.#cfg.nlu.detectIntent(input.text);
      const target = confidence >= this.#cfg.intentThreshold ? this.#flowForIntent(intent) : undefined;
      if (target) {
        await this.#startFlow(target.id, input.text);
        return;
      }
      if (intent === "help" && confidence >= this.#cfg.intentThreshold) {
        this.replies.push({ type: "text", body: t.engine.help });
      } else if (intent === "greeting" || this.#session.processed.length === 0) {
        this.replies.push({
          type: "text",
          body: t.engine.welcome(this.#session.user?.name ?? this.#inbound.contactName),
        });
      } else {
        this.replies.push({ type: "text", body: t.engine.notUnderstood });
      }
    }
    this.#menu();
  }

  #flowForIntent(intent: string): Def | undefined {
    for (const def of this.#cfg.flows.values()) if (def.intents?.includes(intent as never)) return def;
    return undefined;
  }

  #flowTitle(id: string): string {
    return this.#cfg.flows.get(id)?.menuTitle?.(this.#t) ?? id;
  }

  // ── starting, advancing, completing a flow ───────────────────────────

  async #startFlow(id: string, initialText?: string, then?: string): Promise<void> {
    const s = this.#session;
    const def = this.#cfg.flows.get(id);
    if (!def) {
      this.replies.push({ type: "text", body: this.#t.engine.notUnderstood });
      this.#menu();
      return;
    }
    if (def.roles && def.roles.length > 0) {
      if (!s.user && this.#cfg.identify) {
        const found = await this.#cfg.identify(s.userId);
        if (found) s.user = found;
      }
      if (!s.user) {
        const auth = this.#cfg.authFlow;
        if (auth && auth !== id) {
          await this.#startFlow(auth, undefined, id);
          return;
        }
      }
      if (!s.user || !def.roles.includes(s.user.role)) {
        this.replies.push({ type: "text", body: this.#t.engine.roleRequired(def.roles.map((r) => this.#t.roles[r])) });
        this.#menu();
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
    const initial = (await def.start?.(this.#ctx(def))) ?? {};
    Object.assign(s.flow.data, initial);
    if (initialText !== undefined && def.extract) this.#merge(def, def.extract(initialText, this.#ctx(def)), []);
    await this.#goTo(def, def.steps[0]?.id ?? END, false);
  }

  /** Moves to `id`, skipping steps whose fields are known unless `explicit`. */
  async #goTo(def: Def, id: string | undefined, explicit: boolean): Promise<void> {
    const flow = this.#session.flow;
    if (!flow) return;
    let target = id;
    const skipAllowed = !explicit;
    for (let guard = 0; guard <= def.steps.length; guard++) {
      if (target === undefined || target === END) {
        await this.#complete(def);
        return;
      }
      const step = def.steps.find((x) => x.id === target);
      if (!step) throw new FlowsValidationError(`flows.${def.id}.steps`, `no step "${target}"`, "FLOWS_INVALID_FLOW");
      if (skipAllowed && step.fills && step.fills.length > 0 && step.fills.every((f) => isKnown(flow.data[f]))) {
        target = this.#after(def, step);
        continue;
      }
      flow.step = step.id;
      flow.attempts = 0;
      await this.#prompt(def, step);
      return;
    }
    throw new FlowsValidationError(
      `flows.${def.id}.steps`,
      "next() loops without asking anything",
      "FLOWS_INVALID_FLOW",
    );
  }

  #after(def: Def, step: AnyStep): string | undefined {
    const data = this.#session.flow?.data ?? {};
    const chosen = step.next?.(data);
    if (chosen !== undefined) return chosen;
    const index = def.steps.indexOf(step);
    return def.steps[index + 1]?.id ?? END;
  }

  async #prompt(def: Def, step: AnyStep): Promise<void> {
    const replies = asList(await step.prompt(this.#ctx(def)));
    const counted =
      def.progress === false || step.progress === false ? [] : def.steps.filter((x) => x.progress !== false);
    const position = counted.indexOf(step);
    this.replies.push(
      ...(position >= 0 ? withProgress(replies, this.#t.engine.progress(position + 1, counted.length)) : replies),
    );
    this.events.push({ kind: "funnel", user: this.#session.userId, flow: def.id, step: step.id });
  }

  async #repromptCurrent(): Promise<void> {
    const flow = this.#session.flow;
    const def = flow ? this.#cfg.flows.get(flow.id) : undefined;
    const step = def && flow ? def.steps.find((x) => x.id === flow.step) : undefined;
    if (def && step) await this.#prompt(def, step);
    else {
      this.#session.flow = undefined;
      this.#menu();
    }
  }

  async #complete(def: Def): Promise<void> {
    const s = this.#session;
    const then = s.flow?.then;
    const raw = await def.complete(this.#ctx(def));
    const done: Completion = Array.isArray(raw) || "type" in raw ? { replies: asList(raw as Reply | Reply[]) } : raw;
    s.flow = undefined;
    if (done.user) s.user = done.user;
    this.replies.push(...done.replies);
    if (done.conversion) this.events.push({ kind: "conversion", user: s.userId, ...done.conversion });
    const next = done.then ?? then;
    if (next) await this.#startFlow(next);
  }

  // ── inside a flow ────────────────────────────────────────────────────

  async #inFlow(): Promise<void> {
    const s = this.#session;
    const input = this.#input;
    const flow = s.flow;
    if (!flow) return;
    if (input.kind === "text") {
      const { intent, confidence } = this.#cfg.nlu.detectIntent(input.text);
      if (confidence >= this.#cfg.intentThreshold) {
        const target = this.#flowForIntent(intent);
        const short = normalizeWords(input.text).split(" ").length <= 4;
        if (target && target.id !== flow.id) {
          s.pending = { kind: "switch", flowId: target.id, text: input.text };
          const t = this.#t;
          this.replies.push({
            type: "buttons",
            body: t.engine.switchConfirm(this.#flowTitle(flow.id), this.#flowTitle(target.id)),
            buttons: [
              { id: commandId("yes"), title: t.engine.buttons.yes },
              { id: commandId("no"), title: t.engine.buttons.no },
            ],
          });
          return;
        }
        if (intent === "cancel") {
          s.pending = { kind: "cancel" };
          const t = this.#t;
          this.replies.push({
            type: "buttons",
            body: t.engine.cancelConfirm,
            buttons: [
              { id: commandId("yes"), title: t.engine.buttons.yesCancel },
              { id: commandId("no"), title: t.engine.buttons.no },
            ],
          });
          return;
        }
        if ((intent === "greeting" && short) || (target && target.id === flow.id && short)) {
          this.replies.push({ type: "text", body: this.#t.engine.greetingMidFlow });
          await this.#repromptCurrent();
          return;
        }
      }
    }
    await this.#answerStep(input);
  }

  async #answerStep(input: UserInput): Promise<void> {
    const s = this.#session;
    const flow = s.flow;
    const def = flow ? this.#cfg.flows.get(flow.id) : undefined;
    const step = def && flow ? def.steps.find((x) => x.id === flow.step) : undefined;
    if (!flow || !def || !step) {
      s.flow = undefined;
      this.#menu();
      return;
    }
    const result = await step.parse(input, this.#ctx(def));
    if (!result.ok) {
      flow.attempts += 1;
      this.replies.push({ type: "text", body: result.error });
      if (flow.attempts >= this.#cfg.maxAttempts) {
        flow.attempts = 0;
        const t = this.#t;
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
        // Interactive prompts are re-sent so the buttons are at hand again.
        const prompt = asList(await step.prompt(this.#ctx(def)));
        if (prompt.some((r) => r.type !== "text")) this.replies.push(...prompt.filter((r) => r.type !== "text"));
      }
      return;
    }
    for (const field of result.clear ?? []) delete flow.data[field];
    const own = new Set<string>(step.fills ?? []);
    if (result.set) Object.assign(flow.data, result.set);
    if (input.kind === "text" && step.extract !== false && def.extract) {
      this.#merge(def, def.extract(input.text, this.#ctx(def)), [...own, ...Object.keys(result.set ?? {})]);
    }
    flow.history.push(step.id);
    flow.attempts = 0;
    if (result.say) this.replies.push({ type: "text", body: result.say });
    if (result.goto !== undefined) await this.#goTo(def, result.goto, true);
    else await this.#goTo(def, this.#after(def, step), false);
  }

  /** Fills only fields that are still unknown, never the ones the current step just answered. */
  #merge(def: Def, extracted: Record<string, unknown>, except: readonly string[]): void {
    const flow = this.#session.flow;
    if (!flow || flow.id !== def.id) return;
    for (const [key, value] of Object.entries(extracted)) {
      if (except.includes(key) || isKnown(flow.data[key]) || !isKnown(value)) continue;
      flow.data[key] = value;
    }
  }

  #ctx(def: Def | undefined): FlowContext<Record<string, unknown>> {
    const s = this.#session;
    const locale = s.locale ?? this.#cfg.defaultLocale;
    return {
      userId: s.userId,
      contactName: this.#inbound.contactName,
      locale,
      t: this.#cfg.catalogues[locale],
      data: def && s.flow?.id === def.id ? s.flow.data : {},
      user: s.user,
      messageId: this.#inbound.id,
      now: new Date(this.#now),
      nlu: this.#cfg.nlu,
    };
  }
}
