import type { TokTokBackend, User } from "../../backend/types.js";
import { type Role, roles } from "../../domain.js";
import { defineFlow, END, type Flow } from "../../engine/types.js";
import { encodePayload } from "../../messaging/payloads.js";
import type { SessionUser } from "../../sessions/types.js";
import { isYes, pickOption } from "../shared/choice.js";
import { type AccountData, accountOutcome, accountSteps } from "./account-steps.js";
import { merchantFormAnswers, merchantFormMessage, merchantFormToken } from "./merchant-form.js";

/** What the sign-in / sign-up flow collects ("Mon compte" of a signed-in user included). */
export interface AuthData extends AccountData {
  role: Role;
  name: string;
  businessName: string;
  /** A business's catalogue category (`Category.id`), from the merchant form. */
  businessCategoryId: string;
  /** A business's address, from the merchant form. */
  businessAddress: string;
  /** Set when the number already has an account: sign-in, nothing to ask. */
  existing: SessionUser;
  confirmed: boolean;
}

/** Options of {@link authFlow}. */
export interface AuthFlowOptions {
  backend: TokTokBackend;
  /**
   * The merchant sign-up WhatsApp Flow (`merchantFormJson`, published): its id. A business signing up
   * is then offered the form (name, shop, category, address) with the name question, the chat steps
   * kept for clients without Flows and for what the form left missing or invalid.
   */
  form?: { flowId: string };
}

const letters = /\p{L}.*\p{L}/u;

/** The session user of a backend user. */
export function toSessionUser(user: User): SessionUser {
  return { id: user.id, name: user.name, role: user.role };
}

/** An `identify` function for the engine: the user behind a WhatsApp number, from the backend. */
export function identifyWith(backend: TokTokBackend): (userId: string) => Promise<SessionUser | undefined> {
  return async (userId) => {
    const user = await backend.users.findByPhone(userId);
    return user ? toSessionUser(user) : undefined;
  };
}

/** The recap's shop line: its name, with the category and address the merchant form gave. */
async function shopLine(backend: TokTokBackend, d: Partial<AuthData>): Promise<string | undefined> {
  if (!d.businessName) return undefined;
  const category = d.businessCategoryId
    ? (await backend.catalogue.categories()).find((c) => c.id === d.businessCategoryId)
    : undefined;
  return [
    category ? `${d.businessName} (${category.emoji} ${category.name})` : d.businessName,
    ...(d.businessAddress ? [`📍 ${d.businessAddress}`] : []),
  ].join("\n");
}

/**
 * Sign-in / sign-up: a known number is signed in at once; a new one picks a role
 * (client, livreur, entreprise), gives a name (and a business name), confirms, and the account is created.
 */
export function authFlow(options: AuthFlowOptions): Flow {
  const { backend } = options;
  return defineFlow<AuthData>({
    id: "auth",
    menuTitle: (t) => t.auth.menuTitle,
    menuDescription: (t) => t.auth.menuDescription,
    // A completed merchant form opens the sign-up at its recap (the chat asks what it left invalid).
    opensWith: async (input) => {
      if (input.kind !== "form" || !options.form) return undefined;
      const ids = new Set((await backend.catalogue.categories()).map((c) => c.id));
      const answers = merchantFormAnswers(input.fields, ids);
      return answers ? { data: { accountAction: "signup", role: "entreprise", ...answers } } : undefined;
    },
    start: async ({ userId, user: signedIn }) => {
      const user = await backend.users.findByPhone(userId);
      if (!user) return { accountAction: "signup" };
      const existing = toSessionUser(user);
      // Signed in: "Mon compte" shows the account; signed out (or not yet in this chat): sign in.
      return signedIn
        ? { existing, role: user.role, name: user.name, confirmed: true }
        : { existing, role: user.role, name: user.name, confirmed: true, accountAction: "signin" };
    },
    steps: [
      ...accountSteps<AuthData>(backend),
      {
        id: "role",
        fills: ["role"],
        prompt: ({ t }) => ({
          type: "buttons",
          body: t.auth.askRole,
          buttons: roles.map((r) => ({ id: encodePayload("role", r), title: t.auth.roleButtons[r] })),
        }),
        parse: (input, ctx) => {
          const role = pickOption(
            input,
            "role",
            roles.map((r) => ({ id: r, title: ctx.t.auth.roleButtons[r] })),
          );
          if (!role) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          return { ok: true, set: { role } };
        },
      },
      {
        id: "name",
        fills: ["name"],
        prompt: async ({ t, data, userId, locale }) => {
          const ask = { type: "text" as const, body: t.auth.askName };
          if (!options.form || data.role !== "entreprise" || data.existing) return ask;
          const categories = await backend.catalogue.categories();
          const form = merchantFormMessage(options.form.flowId, merchantFormToken(userId), categories, locale);
          return form ? [{ type: "flow" as const, flow: form }, ask] : ask;
        },
        parse: (input, ctx) => {
          const name = input.kind === "text" ? input.text.replace(/\s+/g, " ").trim() : "";
          if (!letters.test(name) || name.length > 60) return { ok: false, error: ctx.nlu.explain("name", ctx.locale) };
          return { ok: true, set: { name } };
        },
        next: (data) => (data.role === "entreprise" && !data.existing ? "business" : "confirm"),
      },
      {
        id: "business",
        fills: ["businessName"],
        // Only businesses see it: left out of "Étape n/N" so customers and drivers count 2 steps.
        progress: false,
        prompt: ({ t }) => ({ type: "text", body: t.auth.askBusiness }),
        parse: (input, ctx) => {
          const name = input.kind === "text" ? input.text.replace(/\s+/g, " ").trim() : "";
          if (!letters.test(name) || name.length > 80) return { ok: false, error: ctx.nlu.explain("name", ctx.locale) };
          return { ok: true, set: { businessName: name } };
        },
      },
      {
        id: "confirm",
        fills: ["confirmed"],
        progress: false,
        prompt: async ({ t, data }) => ({
          type: "buttons",
          body: t.auth.recap(data.name ?? "", t.roles[data.role ?? "client"], await shopLine(backend, data)),
          buttons: [
            { id: encodePayload("auth", "confirm"), title: t.common.confirm },
            { id: encodePayload("cmd", "back"), title: t.engine.buttons.back },
            { id: encodePayload("cmd", "cancel"), title: t.common.cancel },
          ],
        }),
        parse: (input, ctx) =>
          isYes(input, encodePayload("auth", "confirm"))
            ? { ok: true, set: { confirmed: true }, goto: END }
            : { ok: false, error: ctx.nlu.explain("choice", ctx.locale) },
      },
    ],
    complete: async (ctx) => {
      const account = await accountOutcome(backend, ctx);
      if (account) return account;
      const d = ctx.data;
      if (d.existing) {
        return {
          replies: [{ type: "text", body: ctx.t.auth.welcomeBack(d.existing.name, ctx.t.roles[d.existing.role]) }],
          user: d.existing,
        };
      }
      const user = await backend.users.create(
        {
          phone: ctx.userId,
          name: d.name ?? "",
          role: d.role ?? "client",
          ...(d.businessName ? { businessName: d.businessName } : {}),
          ...(d.businessCategoryId ? { businessCategoryId: d.businessCategoryId } : {}),
          ...(d.businessAddress ? { businessAddress: d.businessAddress } : {}),
        },
        { idempotencyKey: ctx.messageId },
      );
      return {
        replies: [{ type: "text", body: ctx.t.auth.created(user.name) }],
        user: toSessionUser(user),
        conversion: { type: "signup", value: 0, metadata: { role: user.role } },
      };
    },
  });
}
