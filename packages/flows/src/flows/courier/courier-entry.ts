import type { FlowOpening } from "../../engine/types.js";
import type { UserInput } from "../../messaging/inbound.js";

/** Conversational-automation command of the courier request. */
const COMMAND = /^\/livreur$/i;

/** The courier flow's `opensWith`: the `/livreur` command (WhatsApp's commands menu) starts a request. */
export function courierEntry<Data>(input: UserInput): FlowOpening<Data> | undefined {
  return input.kind === "text" && COMMAND.test(input.text.trim()) ? {} : undefined;
}
