import { feedbackRequest } from "@toktok/whatsapp-client";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { payloadValue } from "../../messaging/payloads.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { feedbackFlow } from "./feedback-flow.js";
import { FeedbackLog, satisfactionOf } from "./satisfaction.js";

const CLIENT = "242061234567";

async function delivered(backend: MemoryBackend, driver: { id: string; name: string }) {
  const m = await backend.missions.create({
    clientPhone: CLIENT,
    pickup: { address: "Poto-Poto" },
    destination: { address: "Bacongo" },
    parcelValue: 0,
    description: "colis",
    recipient: { name: "Marie", phone: "242068880000" },
  });
  await backend.missions.accept(m.id, { ...driver, phone: "242060000001" });
  for (const s of ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const) {
    await backend.missions.updateStatus(m.id, s);
  }
  return m;
}

function setup() {
  const backend = new MemoryBackend();
  const sink = new FeedbackLog();
  const chat = createTestConversation({ flows: [feedbackFlow({ backend, sink })], user: CLIENT });
  return { backend, sink, chat };
}

describe("feedbackFlow", () => {
  it("reads the feedback_request template's quick replies (the same payloads as its own buttons)", async () => {
    const template = feedbackRequest({ name: "Aline", missionRef: "COUR-20261121-001" });
    const payloads = (template.components ?? [])
      .filter((c) => c.type === "button")
      .map((c) => (c as { parameters: Array<{ payload: string }> }).parameters[0]?.payload);
    expect(payloads.map((p) => payloadValue(p, "feedback"))).toEqual([
      "COUR-20261121-001:good",
      "COUR-20261121-001:ok",
      "COUR-20261121-001:bad",
    ]);
  });

  it("rates the latest delivery from a typed '2/5' when idle, but never from a bare digit", async () => {
    const { backend, sink, chat } = setup();
    const m = await delivered(backend, { id: "d1", name: "Jean" });
    await chat.send("1");
    expect(sink.all()).toHaveLength(0);
    const comment = await chat.send("2/5");
    expect(comment.text).toContain("2/5");
    await chat.send("passer");
    expect(sink.all()).toEqual([
      expect.objectContaining({ missionId: m.id, rating: 2, driverId: "d1", driverName: "Jean" }),
    ]);
    expect(sink.all()[0]?.comment).toBeUndefined();
  });

  it("ignores a rating button of someone else's mission", async () => {
    const { backend, sink, chat } = setup();
    const m = await delivered(backend, { id: "d1", name: "Jean" });
    const stranger = chat.as("242069999999");
    await stranger.deliver({ type: "button", payload: `feedback:${m.reference}:bad`, text: "😞" });
    expect(sink.all()).toHaveLength(0);
  });
});

describe("satisfactionOf", () => {
  it("averages, counts the low ratings and splits by driver, as computed by hand", () => {
    const f = (driverId: string, rating: number) => ({
      missionId: `${driverId}-${rating}-${Math.random()}`,
      reference: "R",
      clientPhone: CLIENT,
      driverId,
      rating,
      at: "2026-11-21T10:00:00Z",
    });
    // (5 + 4 + 1 + 2) / 4 = 3; low (≤ 2): 2 of 4; d1 (5 + 4) / 2 = 4.5, d2 (1 + 2) / 2 = 1.5.
    expect(satisfactionOf([f("d1", 5), f("d1", 4), f("d2", 1), f("d2", 2)])).toEqual({
      count: 4,
      average: 3,
      lowShare: 0.5,
      byDriver: { d1: { count: 2, average: 4.5 }, d2: { count: 2, average: 1.5 } },
    });
    expect(satisfactionOf([])).toEqual({ count: 0, average: 0, lowShare: 0, byDriver: {} });
  });
});
