// Plays WhatsApp's side of the courier Flow form against a simulated bot: the Flow message the bot
// sent (its flow_token) and the signed `nfm_reply` completion, for the e2e tests that need them.
import { expect } from "vitest";
import type { Simulation } from "../demo/simulation.ts";

/** Every field of the courier form, filled and valid. */
export const COURIER_FORM_ANSWERS = {
  pickup: "Marché Total, Poto-Poto",
  destination: "Rond-point Moungali",
  recipient_name: "Marie Okemba",
  recipient_phone: "06 123 4567",
  value: "15000",
  description: "2 pagnes",
};

/** The flow_token of the last Flow message the bot sent to `waId`, checked to name that user. */
export function offeredFlowToken(sim: Simulation, waId: string): string {
  type FlowBody = { interactive: { action: { parameters: { flow_token: string } } } };
  const offered = sim.graph.messages.filter((m) => m.to === waId && JSON.stringify(m.body).includes('"flow_token"'));
  const token = (offered.at(-1)?.body as FlowBody | undefined)?.interactive.action.parameters.flow_token;
  expect(token).toMatch(new RegExp(`^courier:${waId}:`));
  return token as string;
}

/** Posts WhatsApp's signed `nfm_reply` for a completed form, and waits until the bot handled it. */
export async function postFormCompletion(sim: Simulation, waId: string, response: Record<string, unknown>) {
  const completion = sim.signer.flowReply({ from: waId, name: "Awa" }, response);
  const res = await fetch(`${sim.server.url}/webhook`, {
    method: "POST",
    headers: completion.headers,
    body: completion.body,
  });
  expect(res.status).toBe(200);
  await sim.bot.drain();
}
