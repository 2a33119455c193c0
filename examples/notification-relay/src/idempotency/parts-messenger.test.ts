import { RecordingMessenger } from "@toktok/flows/testing";
import { describe, expect, it } from "vitest";
import { createPartsMessenger, partKey } from "./parts-messenger.ts";

describe("createPartsMessenger", () => {
  it("answers a recorded part with its message id and sends only the others, recording each at once", async () => {
    const inner = new RecordingMessenger();
    const records: Array<[string, string]> = [];
    const parts = createPartsMessenger(inner, {
      sent: { [partKey("sendText", "242061110001", 0)]: "wamid.before" },
      record: async (part, id) => {
        records.push([part, id]);
      },
      check: () => {},
    });
    // The same recipient written another way is the same part.
    expect(await parts.sendText("+242 06 111 0001", "status")).toEqual({ messageId: "wamid.before" });
    const card = await parts.sendContacts("242061110001", [{ name: { formattedName: "Jean" } }]);
    expect(inner.sent.map((m) => m.type)).toEqual(["contacts"]);
    expect(records).toEqual([[partKey("sendContacts", "242061110001", 0), card.messageId]]);
    expect(parts.counts).toEqual({ sent: 1, reused: 1 });
  });

  it("ranks repeated sends of one kind to one recipient", () => {
    expect(partKey("sendText", "242061110001", 0)).not.toBe(partKey("sendText", "242061110001", 1));
    expect(partKey("sendText", "242061110001", 0)).not.toBe(partKey("sendTemplate", "242061110001", 0));
    expect(partKey("sendText", "242061110001", 0)).not.toContain("242061110001");
  });

  it("sends nothing more, to anyone, once a check or a record failed", async () => {
    const inner = new RecordingMessenger();
    const lost = new Error("lease lost");
    let allowed = 1;
    const parts = createPartsMessenger(inner, {
      sent: {},
      record: async () => {},
      check: () => {
        if (allowed-- <= 0) throw lost;
      },
    });
    await parts.sendText("242061110001", "one");
    await expect(parts.sendText("242061110001", "two")).rejects.toBe(lost);
    allowed = 10;
    await expect(parts.sendText("242055551234", "three")).rejects.toBe(lost);
    expect(inner.sent.map((m) => m.type === "text" && m.body)).toEqual(["one"]);
    expect(parts.stopped).toBe(lost);
  });
});
