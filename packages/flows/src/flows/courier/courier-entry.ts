import type { FlowContext, FlowOpening } from "../../engine/types.js";
import type { UserInput } from "../../messaging/inbound.js";
import { type CourierFormAnswers, courierFormAnswers } from "./courier-form.js";

/** Conversational-automation command of the courier request. */
const COMMAND = /^\/livreur$/i;

/**
 * The courier flow's `opensWith`: the `/livreur` command (WhatsApp's commands menu) starts a request,
 * and a completed courier Flow form starts one with its answers (the chat steps then ask only what the
 * form left missing or invalid, and the recap asks to confirm).
 */
export function courierEntry(maxValue: number) {
  return async (
    input: UserInput,
    ctx: FlowContext<CourierFormAnswers>,
  ): Promise<FlowOpening<CourierFormAnswers> | undefined> => {
    if (input.kind === "text") return COMMAND.test(input.text.trim()) ? {} : undefined;
    if (input.kind !== "form") return undefined;
    const data = await courierFormAnswers(input.fields, ctx, maxValue);
    return data ? { data } : undefined;
  };
}
