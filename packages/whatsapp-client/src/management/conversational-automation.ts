import { z } from "zod";
import type { CallOptions } from "../client/transport.js";
import { defined } from "../messages/wire.js";
import { validate } from "../validation.js";
import { getNode } from "./graph-calls.js";
import { type GraphContext, postJson, query, successOf } from "./graph-context.js";

// Ice breakers ("prompts") and "/" commands shown in an empty chat, per the
// v23.0 description of POST /{phone-number-id}/conversational_automation: at
// most 3 prompts of 80 characters; at most 30 commands, each a name of
// letters, digits and underscores (≤ 30, no leading slash) and a description (≤ 256).

/** A command the user picks after typing `/`. */
export interface BotCommand {
  /** Without the slash, e.g. `commande`. */
  name: string;
  description: string;
}

/** The conversational components of a business number. */
export interface ConversationalAutomation {
  /** Lets Meta send the `request_welcome` webhook when a user opens the chat for the first time. */
  enableWelcomeMessage?: boolean;
  /** Ice breakers: tappable first messages, at most 3 of 80 characters. */
  prompts?: string[];
  commands?: BotCommand[];
}

const schema = z.strictObject({
  enableWelcomeMessage: z.boolean().optional(),
  prompts: z.array(z.string().min(1).max(80)).max(3).optional(),
  commands: z
    .array(
      z.strictObject({
        name: z
          .string()
          .max(30)
          .regex(/^[a-zA-Z0-9_]+$/, "letters, digits and underscores, without the slash"),
        description: z.string().min(1).max(256),
      }),
    )
    .max(30)
    .optional(),
});

export async function setConversationalAutomation(
  ctx: GraphContext,
  settings: ConversationalAutomation,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  const s = validate(schema, settings, "settings");
  const body = defined({
    enable_welcome_message: s.enableWelcomeMessage,
    prompts: s.prompts,
    commands: s.commands?.map((c) => ({ command_name: c.name, command_description: c.description })),
  });
  // The call replaces the whole configuration, so repeating it is harmless.
  return successOf(await postJson(ctx, `/${ctx.phoneNumberId}/conversational_automation`, body, options, true));
}

interface RawAutomation {
  conversational_automation?: {
    enable_welcome_message?: unknown;
    prompts?: unknown;
    commands?: Array<{ command_name?: unknown; command_description?: unknown }>;
  };
}

export async function getConversationalAutomation(
  ctx: GraphContext,
  options: CallOptions = {},
): Promise<ConversationalAutomation> {
  const path = `/${ctx.phoneNumberId}${query({ fields: "conversational_automation" })}`;
  const res = await getNode<RawAutomation>(ctx, path, options);
  const raw = res.conversational_automation ?? {};
  return {
    enableWelcomeMessage: raw.enable_welcome_message === true,
    prompts: Array.isArray(raw.prompts) ? raw.prompts.filter((p): p is string => typeof p === "string") : [],
    commands: (Array.isArray(raw.commands) ? raw.commands : []).map((c) => ({
      name: String(c.command_name ?? ""),
      description: String(c.command_description ?? ""),
    })),
  };
}
