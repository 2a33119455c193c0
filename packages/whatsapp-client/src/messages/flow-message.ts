import { z } from "zod";
import { interactiveBody } from "./schemas.js";
import { interactive, type WireObject } from "./wire.js";

// A Flow message (interactive type `flow`, `flow_message_version` "3"), per
// Meta's "Sending a Flow" reference and the v23.0 OpenAPI description:
// exactly one of flow_id or flow_name; `navigate` opens a given screen (its
// `flow_action_payload` is required: the screen, and optional non-empty data);
// `data_exchange` asks the business's endpoint for the first screen, so the
// payload must be left out.

/** How the Flow opens: on a screen of your choice, or on what your endpoint answers to `INIT`. */
export type FlowMode = "navigate" | "data_exchange";

interface FlowMessageBase {
  /** Your identifier of this Flow session, sent back in every endpoint request and in the completion. */
  flowToken: string;
  /** Text of the button that opens the Flow, at most 30 characters, no emoji. */
  cta: string;
  body: string;
  /** Text header, at most 60 characters. */
  header?: string;
  footer?: string;
  /** Default `"navigate"`. Named `flow_action` on the wire. */
  mode?: FlowMode;
  /** First screen (`navigate` only; required then). */
  screen?: string;
  /** Input data of the first screen (`navigate` only), a non-empty object. */
  data?: Record<string, unknown>;
  /** Send the draft version of the Flow (Meta's `mode: "draft"`), for testing before publishing. */
  draft?: boolean;
}

/** A Flow message: the Flow by id or by name, and what opens it. */
export type FlowMessageContent =
  | (FlowMessageBase & { flowId: string; flowName?: undefined })
  | (FlowMessageBase & { flowName: string; flowId?: undefined });

const EMOJI = /\p{Extended_Pictographic}/u;

export const flowMessageSchema = z
  .strictObject({
    flowId: z
      .string()
      .regex(/^\d{1,30}$/, "digits only (the Flow id)")
      .optional(),
    flowName: z.string().min(1).max(200).optional(),
    flowToken: z.string().min(1).max(1000),
    cta: z
      .string()
      .min(1)
      .max(30)
      .refine((v) => !EMOJI.test(v), "no emoji"),
    body: interactiveBody,
    header: z.string().min(1).max(60).optional(),
    footer: z.string().min(1).max(60).optional(),
    mode: z.enum(["navigate", "data_exchange"]).default("navigate"),
    screen: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a screen id (letters, digits and underscores)")
      .optional(),
    data: z
      .record(z.string(), z.unknown())
      .refine((d) => Object.keys(d).length > 0, "must not be empty")
      .optional(),
    draft: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.flowId === undefined) === (v.flowName === undefined)) {
      ctx.addIssue({ code: "custom", path: ["flowId"], message: "exactly one of flowId or flowName is required" });
    }
    if (v.mode === "navigate" && v.screen === undefined) {
      ctx.addIssue({ code: "custom", path: ["screen"], message: "required when mode is navigate" });
    }
    if (v.mode === "data_exchange") {
      for (const key of ["screen", "data"] as const) {
        if (v[key] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "not allowed with data_exchange (the endpoint chooses)",
          });
        }
      }
    }
  });

/** The `interactive` object of a Flow message. */
export function flowInteractive(c: z.output<typeof flowMessageSchema>): WireObject {
  const parameters: WireObject = { flow_message_version: "3" };
  if (c.flowId !== undefined) parameters.flow_id = c.flowId;
  else parameters.flow_name = c.flowName;
  parameters.flow_token = c.flowToken;
  parameters.flow_cta = c.cta;
  parameters.flow_action = c.mode;
  if (c.mode === "navigate") {
    parameters.flow_action_payload = c.data === undefined ? { screen: c.screen } : { screen: c.screen, data: c.data };
  }
  if (c.draft) parameters.mode = "draft";
  return interactive("flow", c.body, { name: "flow", parameters }, c.header, c.footer);
}
