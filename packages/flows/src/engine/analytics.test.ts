import { Analytics } from "@toktok/analytics";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { createTestConversation } from "../testing/test-conversation.js";

let analytics: Analytics | undefined;
afterEach(async () => {
  await analytics?.close();
});

describe("analytics hooks with the real @toktok/analytics", () => {
  it("records sessions, messages, the courier funnel and the conversion revenue", async () => {
    analytics = new Analytics();
    const backend = new MemoryBackend();
    const chat = createTestConversation({ flows: [courierFlow({ backend })], analytics });
    const quitter = chat.as("242055555555");
    await chat.send("envoyer un colis");
    await quitter.send("envoyer un colis");
    await chat.send("Poto-Poto");
    await quitter.send("Poto-Poto");
    await quitter.send("annuler");
    for (const text of ["Bacongo", "15000", "documents", "Marie", "06 123 4567"]) await chat.send(text);
    await chat.tap("courier:confirm");

    const [mission] = await backend.missions.list({});
    const summary = await analytics.getSummary();
    expect(summary.revenueXaf).toBe(mission?.price);
    const funnel = await analytics.getFunnel("courier", { steps: ["pickup", "destination", "value", "confirm"] });
    expect(funnel.steps.map((s) => s.users)).toEqual([2, 2, 1, 1]);
  });
});
