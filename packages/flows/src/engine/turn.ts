import type { Catalogue } from "../i18n/catalogue.js";
import type { InboundMessage, UserInput } from "../messaging/inbound.js";
import { payloadValue } from "../messaging/payloads.js";
import type { Reply } from "../messaging/reply.js";
import type { Session } from "../sessions/types.js";
import type { AnalyticsEvent } from "./analytics.js";
import { type Command, commandId, commandLocale, detectCommand, normalizeWords } from "./commands.js";
import { spendFlowToken } from "./flow-token.js";
import { latePaymentId } from "./late-payment.js";
import { detectMarketingWord, marketingButton, recordMarketing } from "./marketing.js";
import { Navigator, type TurnConfig } from "./navigator.js";
import type { VoiceNoteReading } from "./voice-note.js";

/** How sure the intent must be for a message naming the current flow to count as a restatement, not an answer. */
const RESTATEMENT_CONFIDENCE = 0.9;

/** Inbound types that never get a reply. */
const silentTypes: ReadonlySet<string> = new Set(["reaction", "revoke"]);

export type { TurnConfig } from "./navigator.js";

/**
 * The handling of one inbound message against one session, in priority order: session expiry,
 * a pending yes/no question, global commands, then the idle menu or the current flow
 * (with intent switching). Mutates the session; collects replies and analytics events.
 */
export class Turn {
  readonly #nav: Navigator;
  readonly #input: UserInput;
  readonly #now: number;
  readonly #voice: VoiceNoteReading | undefined;
  #positionOnly = false;

  /** `voice`: what a voice note said (then `input` is its text) or why it could not be heard. */
  constructor(
    cfg: TurnConfig,
    session: Session,
    inbound: InboundMessage,
    input: UserInput,
    now: number,
    voice?: VoiceNoteReading,
  ) {
    this.#nav = new Navigator(cfg, session, inbound, now);
    this.#input = input;
    this.#now = now;
    this.#voice = voice;
  }

  get replies(): Reply[] {
    return this.#nav.replies;
  }

  get events(): AnalyticsEvent[] {
    return this.#nav.events;
  }

  /**
   * True when the message was only a position update (`onLocation` took it and no step asked for it): the
   * user did nothing in the conversation, so the session's last activity must not move.
   */
  get positionOnly(): boolean {
    return this.#positionOnly;
  }

  get #s(): Session {
    return this.#nav.session;
  }

  get #t(): Catalogue {
    return this.#nav.t;
  }

  async run(): Promise<void> {
    // A 👍 on an earlier message, or a message deleted for everyone, is not an answer: nothing to say, nothing to change.
    if (this.#input.kind === "other" && silentTypes.has(this.#input.type)) return;
    if (await this.#latePayment()) return;
    if (await this.#positionUpdate()) {
      this.#positionOnly = true;
      return;
    }
    const s = this.#s;
    if (this.#input.kind === "text") await this.#followLanguage(this.#input.text);
    // The transcript comes back first, so the user sees what was understood before anything is done with it.
    if (this.#voice?.kind === "heard") this.#nav.say(this.#t.voice.heard(this.#voice.text));
    if (s.replyLost) {
      // The last question never reached the user: ask it again rather than read this as its answer.
      delete s.replyLost;
      if (s.flow) {
        this.#nav.say(this.#t.engine.replyLost);
        await this.#nav.repromptCurrent();
        return;
      }
    }
    if (this.#voice?.kind === "unheard") {
      // Nothing to act on: say why, and ask the current question again so it can be typed.
      this.#nav.say(this.#t.voice[this.#voice.reason]);
      if (s.flow && !s.pending) await this.#nav.repromptCurrent();
      return;
    }
    if (await this.#marketingChoice()) return;
    const command = detectCommand(this.#input);
    const expired = s.flow && !s.pending && this.#now - s.updatedAt > this.#nav.cfg.expiryMs;
    if (s.flow && expired && command !== "menu" && command !== "cancel") {
      s.pending = { kind: "resume" };
      this.#ask(this.#t.engine.expired(this.#nav.flowTitle(s.flow.id)), ["resume", "restart"]);
      return;
    }
    if (this.#input.kind === "form" && !spendFlowToken(s, this.#input)) {
      // A form answered twice, or one the conversation no longer waits for: told, never acted on.
      this.#nav.say(this.#t.engine.formSpent);
      return;
    }
    // Idle, the answer is likely a menu: it must be the one of the user's role.
    if (!s.flow) await this.#nav.identify();
    if (s.pending && (await this.#answerPending(command))) return;
    if (command && (await this.#runCommand(command))) return;
    if (await this.#open()) return;
    if (s.flow) await this.#inFlow();
    else await this.#idle();
  }

  /**
   * A marketing choice, with a consent book: a tap on the opt-in question's buttons (even long after),
   * "OFFRES" (opt in; the current step is asked again), or "STOP" (opt out, and a flow in progress is
   * cancelled as before — both are said). True when the message was one.
   */
  async #marketingChoice(): Promise<boolean> {
    const nav = this.#nav;
    const book = nav.cfg.marketing;
    if (!book) return false;
    const s = this.#s;
    const tapped = marketingButton(this.#input);
    const word = tapped ? undefined : detectMarketingWord(this.#input);
    if (!tapped && !word) return false;
    if (s.pending?.kind === "marketing") s.pending = undefined;
    const optedIn = tapped ? tapped === "yes" : word === "opt_in";
    const source = tapped ? "button" : "typed";
    nav.say(recordMarketing(book, s.userId, optedIn, source, this.#now, this.#t, word === "stop"));
    if (word === "stop" && s.flow) {
      s.pending = undefined;
      this.#cancel();
    } else if (s.flow && !s.pending) await nav.repromptCurrent();
    return true;
  }

  /**
   * A Mobile Money settlement the conversation no longer waits for (the customer cancelled or went elsewhere):
   * never read as an answer ("choose an option"); `onLatePayment` says what happened, then the current
   * question is asked again. True when the message was one.
   */
  async #latePayment(): Promise<boolean> {
    const nav = this.#nav;
    const s = this.#s;
    const paymentId = latePaymentId(s, nav.ctx(undefined).messageId, this.#input);
    if (paymentId === undefined) return false;
    const locale = s.locale ?? nav.cfg.defaultLocale;
    const said = await nav.cfg.latePayment?.({ userId: s.userId, paymentId, locale, t: this.#t });
    if (said === undefined) return true;
    nav.say(said);
    if (s.flow && !s.pending) await nav.repromptCurrent();
    return true;
  }

  /**
   * A shared location the `onLocation` hook took as a position update (a driver's): nothing to answer,
   * nothing changed, unless the current step asks for a location. True when the turn ends here.
   */
  async #positionUpdate(): Promise<boolean> {
    const input = this.#input;
    const hook = this.#nav.cfg.onLocation;
    if (input.kind !== "location" || !hook) return false;
    const s = this.#s;
    await this.#nav.identify();
    const taken = await hook({ userId: s.userId, user: s.user, latitude: input.latitude, longitude: input.longitude });
    if (!taken) return false;
    return !(s.flow && !s.pending && (await this.#nav.asksForLocation()));
  }

  #ask(body: string, commands: Command[], yesTitle?: string): void {
    const b = this.#t.engine.buttons;
    const titles: Partial<Record<Command, string>> = {
      yes: yesTitle ?? b.yes,
      no: b.no,
      resume: b.resume,
      restart: b.restart,
      help: b.help,
      cancel: b.cancel,
      menu: b.menu,
    };
    this.#nav.replies.push({
      type: "buttons",
      body,
      buttons: commands.map((c) => ({ id: commandId(c), title: titles[c] ?? c })),
    });
  }

  /** Returns true when the input answered the pending question. */
  async #answerPending(command: Command | undefined): Promise<boolean> {
    const s = this.#s;
    const nav = this.#nav;
    const pending = s.pending;
    s.pending = undefined;
    if (!pending) return false;
    const yes = command === "yes" || command === "resume";
    const no = command === "no" || command === "restart";
    switch (pending.kind) {
      case "resume":
        if (yes) {
          nav.say(this.#t.engine.resumed);
          await nav.repromptCurrent();
          return true;
        }
        s.flow = undefined;
        if (no) nav.menu();
        return no;
      case "cancel":
        if (yes) this.#cancel();
        else if (no) await nav.repromptCurrent();
        return yes || no;
      case "marketing": {
        // A typed "oui" / "non" to the opt-in question; anything else leaves the choice unknown.
        const book = nav.cfg.marketing;
        if (!book || !(yes || no)) return false;
        nav.say(recordMarketing(book, s.userId, yes, "typed", this.#now, this.#t));
        return true;
      }
      case "switch":
        if (yes) {
          s.flow = undefined;
          await nav.startFlow(pending.flowId, pending.text);
        } else if (no) {
          // "No, continue": the message was meant for the current step after all.
          if (pending.text !== undefined && s.flow) await nav.answerStep({ kind: "text", text: pending.text });
          else await nav.repromptCurrent();
        }
        return yes || no;
    }
  }

  async #runCommand(command: Command): Promise<boolean> {
    const s = this.#s;
    const nav = this.#nav;
    const t = this.#t;
    switch (command) {
      case "menu":
        s.flow = undefined;
        nav.menu();
        return true;
      case "cancel": {
        if (s.flow) {
          this.#cancel();
          return true;
        }
        // Nothing in progress: "annuler" is about what was sent (a flow for the cancel intent decides).
        const cancelling = nav.flowForIntent("cancel");
        if (cancelling) await nav.startFlow(cancelling.id);
        else {
          nav.say(t.engine.nothingToCancel);
          nav.menu();
        }
        return true;
      }
      case "back": {
        const flow = s.flow;
        if (!flow) {
          nav.menu();
          return true;
        }
        const previous = flow.history.pop();
        if (previous === undefined) nav.say(t.engine.alreadyAtStart);
        else {
          flow.step = previous;
          flow.attempts = 0;
        }
        await nav.repromptCurrent();
        return true;
      }
      case "help": {
        const def = s.flow ? nav.cfg.flows.get(s.flow.id) : undefined;
        const step = def?.steps.find((x) => x.id === s.flow?.step);
        const specific = step?.help?.(nav.ctx(def));
        nav.say(specific ? `${specific}\n\n${t.engine.help}` : t.engine.help);
        if (s.flow) await nav.repromptCurrent();
        else nav.menu();
        return true;
      }
      case "french":
      case "english":
      case "lingala":
        s.locale = commandLocale[command];
        // A choice, not a guess: what the user writes next no longer switches the language.
        s.localeChosen = true;
        if (s.flow) await nav.repromptCurrent();
        else nav.menu();
        return true;
      default:
        // yes/no/resume/restart outside a question: let the flow read them as plain answers.
        return false;
    }
  }

  /**
   * Replies in the language the user writes: a clearly Lingala message switches to Lingala, a
   * clearly French one back from Lingala; a mix keeps the current language, and a language chosen
   * by command stays.
   */
  async #followLanguage(text: string): Promise<void> {
    const s = this.#s;
    const cfg = this.#nav.cfg;
    if (s.localeChosen || !cfg.nlu.detectLanguage) return;
    const written = await cfg.nlu.detectLanguage(text);
    const current = s.locale ?? cfg.defaultLocale;
    if (written === "ln" && current !== "ln") s.locale = "ln";
    else if (written === "fr" && current === "ln") s.locale = "fr";
  }

  #cancel(): void {
    this.#s.flow = undefined;
    this.#nav.say(this.#t.engine.cancelled);
    this.#nav.menu();
  }

  /**
   * Starts the flow that claims this message (`opensWith`): a catalogue cart, a Flow form's answer or a
   * button of an earlier message (a rating's quick reply) at any time — a flow claims only its own
   * payloads, so a step's answer is never taken —, a QR-code text or a shortcut command only when
   * idle, so it never steals an answer.
   * True when one did.
   */
  async #open(): Promise<boolean> {
    const input = this.#input;
    const anyTime = input.kind === "cart" || input.kind === "form" || input.kind === "choice";
    if (!anyTime && (this.#s.flow || input.kind !== "text")) return false;
    const nav = this.#nav;
    for (const def of nav.cfg.flows.values()) {
      if (!def.opensWith) continue;
      const opening = await def.opensWith(input, nav.ctx(def));
      if (!opening) continue;
      this.#s.flow = undefined;
      await nav.startFlow(def.id, undefined, undefined, opening);
      return true;
    }
    return false;
  }

  async #idle(): Promise<void> {
    const input = this.#input;
    const nav = this.#nav;
    const t = this.#t;
    const opened = input.kind === "choice" ? payloadValue(input.id, "flow") : undefined;
    if (opened !== undefined) {
      await nav.startFlow(opened);
      return;
    }
    if (input.kind === "text") {
      const { intent, confidence } = await nav.cfg.nlu.detectIntent(input.text);
      const sure = confidence >= nav.cfg.intentThreshold;
      const target = sure ? nav.flowForIntent(intent) : undefined;
      if (target) {
        await nav.startFlow(target.id, input.text);
        return;
      }
      if (intent === "help" && sure) nav.say(t.engine.help);
      else if (intent === "greeting" || this.#s.processed.length === 0) {
        nav.say(t.engine.welcome(this.#s.user?.name ?? nav.contactName));
      } else nav.say(t.engine.notUnderstood);
    }
    // WhatsApp's welcome trigger: the user opened the chat and has not written yet.
    if (input.kind === "other" && input.type === "request_welcome") {
      nav.say(t.engine.welcome(this.#s.user?.name ?? nav.contactName));
    }
    nav.menu();
  }

  async #inFlow(): Promise<void> {
    const s = this.#s;
    const nav = this.#nav;
    const input = this.#input;
    const flow = s.flow;
    if (!flow) return;
    if (input.kind === "text") {
      const { intent, confidence } = await nav.cfg.nlu.detectIntent(input.text);
      // A button title typed instead of tapped ("Commander") is an answer, not a new intent.
      if (confidence >= nav.cfg.intentThreshold && !(await nav.offersOption(input.text))) {
        const target = nav.flowForIntent(intent);
        const short = normalizeWords(input.text).split(" ").length <= 4;
        if (target && target.id !== flow.id) {
          // Never drop a half-filled request on a hunch: ask first.
          s.pending = { kind: "switch", flowId: target.id, text: input.text };
          this.#ask(this.#t.engine.switchConfirm(nav.flowTitle(flow.id), nav.flowTitle(target.id)), ["yes", "no"]);
          return;
        }
        if (intent === "cancel") {
          s.pending = { kind: "cancel" };
          this.#ask(this.#t.engine.cancelConfirm, ["yes", "no"], this.#t.engine.buttons.yesCancel);
          return;
        }
        if (intent === "greeting" && short) {
          nav.say(this.#t.engine.greetingMidFlow);
          await nav.repromptCurrent();
          return;
        }
        // "Je veux envoyer un colis" typed again inside the courier flow restates the request;
        // a weaker match ("Un carton de livres" at the description step) is an answer to the step.
        if (target && target.id === flow.id && short && confidence >= RESTATEMENT_CONFIDENCE) {
          nav.say(this.#t.engine.greetingMidFlow);
          await nav.repromptCurrent();
          return;
        }
      }
    }
    await nav.answerStep(input);
  }
}
