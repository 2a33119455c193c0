import type { TokTokBackend } from "../../backend/types.js";
import { commandId, commandLocale } from "../../engine/commands.js";
import { type Completion, END, type FlowContext, type Step } from "../../engine/types.js";
import { encodePayload } from "../../messaging/payloads.js";
import type { Locale, SessionUser } from "../../sessions/types.js";
import { pickOption } from "../shared/choice.js";

/** What a signed-in user does in "Mon compte"; `signup` and `signin` mark the flow's other paths. */
export type AccountAction = "name" | "role" | "language" | "signout" | "menu" | "signup" | "signin";

/** The account part of the auth flow's data. */
export interface AccountData {
  accountAction: AccountAction;
  newName: string;
  existing: SessionUser;
}

const letters = /\p{L}.*\p{L}/u;
type Choice = "name" | "role" | "language" | "signout" | "menu";

/**
 * "Mon compte" for a signed-in user — who they are (name, role, language) and what they can do: change
 * their name (when the backend can), see how to change their role (the operator does it: the backend
 * has no role change), change the language, sign out, or go back to the menu. Sign-up and sign-in
 * skip these steps (`accountAction` is set for them at start).
 */
export function accountSteps<Data extends AccountData>(backend: TokTokBackend): Step<Data>[] {
  const choices = (): Choice[] =>
    backend.users.update ? ["name", "role", "language", "signout", "menu"] : ["role", "language", "signout", "menu"];
  return [
    {
      id: "account",
      fills: ["accountAction"],
      progress: false,
      prompt: ({ t, data, locale }) => ({
        type: "list",
        body: t.account.body(
          data.existing?.name ?? "",
          t.roles[data.existing?.role ?? "client"],
          t.account.languages[locale],
        ),
        button: t.account.button,
        sections: [{ rows: choices().map((c) => ({ id: encodePayload("account", c), title: t.account.rows[c] })) }],
      }),
      parse: (input, ctx) => {
        const picked = pickOption(
          input,
          "account",
          choices().map((c) => ({ id: c, title: ctx.t.account.rows[c] })),
        );
        if (!picked) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
        const set = { accountAction: picked } as Partial<Data>;
        return picked === "name" ? { ok: true, set, goto: "rename" } : { ok: true, set, goto: END };
      },
      next: (data) => (data.accountAction === "name" ? "rename" : "role"),
    },
    {
      id: "rename",
      fills: ["newName"],
      progress: false,
      prompt: ({ t }) => ({ type: "text", body: t.account.askNewName }),
      parse: (input, ctx) => {
        const name = input.kind === "text" ? input.text.replace(/\s+/g, " ").trim() : "";
        if (!letters.test(name) || name.length > 60) return { ok: false, error: ctx.nlu.explain("name", ctx.locale) };
        return { ok: true, set: { newName: name } as Partial<Data>, goto: END };
      },
    },
  ];
}

/** The end of "Mon compte" for a signed-in user, or undefined on the sign-up / sign-in paths. */
export async function accountOutcome<Data extends AccountData>(
  backend: TokTokBackend,
  ctx: FlowContext<Data>,
): Promise<Completion | undefined> {
  const { t, data } = ctx;
  const user = data.existing;
  switch (data.accountAction) {
    case "name": {
      if (!user || !backend.users.update) return undefined;
      const updated = await backend.users.update(ctx.userId, { name: data.newName ?? user.name });
      return {
        replies: [{ type: "text", body: t.account.renamed(updated.name) }],
        user: { ...user, name: updated.name },
      };
    }
    case "role":
      return { replies: [{ type: "text", body: t.account.role(t.roles[user?.role ?? "client"]) }] };
    case "language":
      // The engine's own language commands as buttons: a tap sets the language like typing "lingala".
      return {
        replies: [
          {
            type: "buttons",
            body: t.account.language(t.account.languages[ctx.locale]),
            buttons: (Object.entries(commandLocale) as Array<[keyof typeof commandLocale, Locale]>).map(
              ([command, locale]) => ({ id: commandId(command), title: t.account.languageButtons[locale] }),
            ),
          },
        ],
      };
    case "signout":
      return { replies: [{ type: "text", body: t.account.signedOut }], signOut: true };
    case "menu":
      // The user stays as they are; the engine shows the menu after the account flow.
      return user ? { replies: [], user } : undefined;
    default:
      return undefined;
  }
}
