import type { Role } from "../domain.js";
import type { Catalogue } from "../i18n/catalogue.js";
import type { UserInput } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import type { Locale, SessionUser } from "../sessions/types.js";
import type { Intent, Understanding } from "./understanding.js";

/** Step id that ends the flow when returned by `next` or a parse's `goto`. */
export const END = "$end";

/** What a step handler sees. */
export interface FlowContext<Data> {
  /** Sender's WhatsApp ID (digits). */
  userId: string;
  /** Display name WhatsApp gave for the sender, when any. */
  contactName: string | undefined;
  locale: Locale;
  /** The texts of the session's locale. */
  t: Catalogue;
  /** Answers so far. */
  data: Partial<Data>;
  /** Signed-in user, when the session has one. */
  user: SessionUser | undefined;
  /** Id of the inbound message being handled: use it as an idempotency key for side effects. */
  messageId: string;
  /** Current time of the engine's clock. */
  now: Date;
  nlu: Understanding;
  /**
   * The language another user reads — their session's, else the engine's default — so a notice this
   * turn sends them (a driver told of a cancellation) is in their language, not the sender's. Never rejects.
   */
  localeOf(userId: string): Promise<Locale>;
}

/** How {@link FlowDefinition.opensWith} starts a flow. */
export interface FlowOpening<Data> {
  /** Answers already known (the steps that fill them are skipped). */
  data?: Partial<Data>;
  /** Said before the first question (e.g. a price that changed since the cart). */
  say?: string;
  /** Step to start at when it exists (default: the first step whose fields are unknown). */
  step?: string;
}

/** Outcome of a step's parser: the fields to set and optionally where to go, or an error to show. */
export type ParseResult<Data> =
  | {
      ok: true;
      /** Fields to set. */
      set?: Partial<Data>;
      /** Step to go to (prompted even if its fields are known), or {@link END}. */
      goto?: string;
      /** Fields to forget, e.g. choices that depended on a changed answer. */
      clear?: ReadonlyArray<keyof Data & string>;
      /** A message sent before the next prompt (an acknowledgement). */
      say?: string;
    }
  | { ok: false; error: string };

/** One question of a flow. */
export interface Step<Data> {
  /** Unique within the flow. */
  id: string;
  /** Fields this step fills: when all are already known (e.g. extracted earlier), the step is skipped. */
  fills?: ReadonlyArray<keyof Data & string>;
  /** Counts in the "Étape n/N" progress (default true). */
  progress?: boolean;
  /** Lets a text answer also fill other steps' fields through the flow's `extract` (default true). */
  extract?: boolean;
  /** The question: text, buttons, list, image or a location request. */
  prompt(ctx: FlowContext<Data>): Reply | Reply[] | Promise<Reply | Reply[]>;
  /** Validates the answer. */
  parse(input: UserInput, ctx: FlowContext<Data>): ParseResult<Data> | Promise<ParseResult<Data>>;
  /** The next step id ({@link END} to finish); default: the following step. */
  next?(data: Partial<Data>): string | undefined;
  /** Extra help shown on `aide` at this step. */
  help?(ctx: FlowContext<Data>): string;
}

/** What a flow returns when it completes. */
export interface Completion {
  replies: Reply[];
  /** Attach this user to the session (sign-in / sign-up). */
  user?: SessionUser;
  /** Detach the user from the session and stop looking their account up ("Se déconnecter"). */
  signOut?: boolean;
  /** Flow to start right after. */
  then?: string;
  /** Reported to the analytics sink as a conversion. */
  conversion?: { type: string; value: number; metadata?: Record<string, unknown> };
}

/** A typed flow definition; pass it to {@link defineFlow}. */
export interface FlowDefinition<Data extends object> {
  /** Unique id, e.g. `"courier"`. */
  id: string;
  /** Menu row title (≤ 24 chars); flows without one are not listed in the menu. */
  menuTitle?(t: Catalogue): string;
  menuDescription?(t: Catalogue): string;
  /** Intents from `detectIntent` that start this flow. */
  intents?: ReadonlyArray<Intent>;
  /** Roles allowed; users without a session user are sent to `authFlow` first. */
  roles?: ReadonlyArray<Role>;
  /**
   * Where a signed-in user whose role is not in `roles` goes instead of a refusal (the driver's
   * "Mes missions" opens a customer's own deliveries: `"tracking"`).
   */
  otherwise?: string;
  /** Show "Étape n/N" before each prompt (default true). */
  progress?: boolean;
  steps: ReadonlyArray<Step<Data>>;
  /** Initial data; may call a backend. */
  start?(ctx: FlowContext<Data>): Partial<Data> | Promise<Partial<Data>>;
  /**
   * Starts this flow from a message that answers no question: a catalogue cart, a shop's QR-code text
   * ("COMMANDE boutique-42"), a command such as `/commande`. Returns what to start with, or `undefined`
   * to let the message through. Carts are offered even mid-flow; text only to an idle user.
   */
  opensWith?(
    input: UserInput,
    ctx: FlowContext<Data>,
  ): FlowOpening<Data> | undefined | Promise<FlowOpening<Data> | undefined>;
  /** Reads several fields from one free-text message (e.g. with `extractDeliveryDetails`). */
  extract?(text: string, ctx: FlowContext<Data>): Partial<Data> | Promise<Partial<Data>>;
  /**
   * How fields that `extract` filled for later steps read when confirmed back ("Nom du destinataire —
   * Jean Malonga"), one line each; the engine sends them as one "✅" message, so the user sees what
   * was kept and which steps will be skipped. Without it the fields are kept silently.
   */
  noted?(fields: Partial<Data>, ctx: FlowContext<Data>): string[] | Promise<string[]>;
  /** Runs when the last step is answered. */
  complete(ctx: FlowContext<Data>): Reply | Reply[] | Completion | Promise<Reply | Reply[] | Completion>;
}

/** Where a {@link Flow} keeps its definition (shared across copies of the package). */
const definition = Symbol.for("@toktok/flows/definition");

/** A flow ready for the engine (its data type erased); made by {@link defineFlow}. */
export interface Flow {
  readonly id: string;
  readonly [definition]: FlowDefinition<Record<string, unknown>>;
}

/**
 * Declares a flow: a typed list of steps.
 * @example
 * const hello = defineFlow<{ name: string }>({
 *   id: "hello",
 *   steps: [{ id: "name", fills: ["name"], prompt: () => reply.text("Votre nom ?"),
 *     parse: (input) => input.kind === "text" ? { ok: true, set: { name: input.text } } : { ok: false, error: "Tapez votre nom" } }],
 *   complete: ({ data }) => reply.text(`Bonjour ${data.name}`),
 * });
 */
export function defineFlow<Data extends object>(def: FlowDefinition<Data>): Flow {
  return { id: def.id, [definition]: def as unknown as FlowDefinition<Record<string, unknown>> };
}

/**
 * The step ids of a flow, in definition order — e.g. the steps of an analytics funnel
 * (`analytics.getFunnel(flow.id, { steps: flowSteps(flow) })`).
 */
export function flowSteps(flow: Flow): string[] {
  return flow[definition].steps.map((s) => s.id);
}

/** The definition behind a {@link Flow} (engine internal). */
export function definitionOf(flow: Flow): FlowDefinition<Record<string, unknown>> {
  return flow[definition];
}
