// Shared set-up of the built-in flow tests: one backend, one recording messenger
// used by both the engine and the notifier, the auth flow wired in.
import { expect } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import { createNotifier } from "../notifications/notifier.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createTestConversation } from "../testing/test-conversation.js";

export const CLIENT = "242061234567";
export const DRIVER = "242055500001";
export const SHOP = "242055500002";

export function bot(options: { basket?: boolean } = {}) {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const messenger = new RecordingMessenger();
  const notifier = createNotifier({ messenger, backend });
  const chat = createTestConversation({
    messenger,
    flows: builtInFlows({ backend, notifier, marketplaceBasket: options.basket ?? true }),
    authFlow: "auth",
    identify: identifyWith(backend),
    user: CLIENT,
    contactName: "Aline",
  });
  return { backend, messenger, chat };
}

/** The customer sends a courier request in one sentence and confirms it: COUR-20261121-001, pending. */
export async function sendCourier(chat: ReturnType<typeof bot>["chat"]): Promise<void> {
  await chat.send("je veux envoyer un colis de 15000 pour Marie 06 123 4567");
  await chat.send("Marché Total, Poto-Poto");
  await chat.send("Rond-point Moungali");
  await chat.send("2 pagnes");
  expect((await chat.tap("✅ Confirmer")).text).toContain("Demande envoyée");
}
