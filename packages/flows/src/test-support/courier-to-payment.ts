import type { TestConversation, TurnTranscript } from "../testing/test-conversation.js";

/** A courier request from its first message to the "who pays" step (asked when the flow has a payment port). */
export async function courierToWhoPays(
  chat: TestConversation,
  opening = "Je veux envoyer un colis",
): Promise<TurnTranscript> {
  await chat.send(opening);
  await chat.shareLocation(-4.2634, 15.2429, { name: "Marché Total" });
  await chat.send("Rond-point Moungali");
  await chat.send("15000");
  await chat.send("2 pagnes et des documents");
  await chat.send("Marie Okemba");
  return chat.send("06 123 4567");
}
