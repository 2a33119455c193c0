import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { createTestConversation } from "../testing/test-conversation.js";
import { toUserInput } from "./inbound.js";

const courier = () =>
  createTestConversation({ flows: [courierFlow({ backend: new MemoryBackend() })], contactName: "Aline" });

describe("toUserInput on the Cloud API's newer message types", () => {
  it("reads a catalogue cart with its lines and the prices the user saw", () => {
    expect(
      toUserInput({
        type: "order",
        catalogId: "cat-1",
        text: "vite svp",
        items: [{ productRetailerId: "riz-5kg", quantity: 2, itemPrice: 4500, currency: "XAF" }],
      }),
    ).toEqual({
      kind: "cart",
      catalogId: "cat-1",
      text: "vite svp",
      items: [{ productRetailerId: "riz-5kg", quantity: 2, itemPrice: 4500, currency: "XAF" }],
    });
  });

  it("turns a cart with a malformed line into other: a cart is all or nothing", () => {
    const items = [
      { productRetailerId: "riz-5kg", quantity: 2, itemPrice: 4500, currency: "XAF" },
      { productRetailerId: "huile", quantity: 0, itemPrice: 1000, currency: "XAF" },
    ];
    expect(toUserInput({ type: "order", catalogId: "cat-1", items })).toEqual({ kind: "other", type: "order" });
  });

  it("reads a Flow answer as a form, flow_token apart from the fields", () => {
    expect(
      toUserInput({ type: "nfm_reply", name: "flow", response: { flow_token: "tok-1", pickup: "Poto-Poto" } }),
    ).toEqual({ kind: "form", name: "flow", flowToken: "tok-1", fields: { pickup: "Poto-Poto" } });
    expect(toUserInput({ type: "nfm_reply", response: "not json" })).toEqual({ kind: "form", fields: {} });
  });

  it("reads an edited message as its new content", () => {
    expect(
      toUserInput({ type: "edit", originalMessageId: "wamid.1", edited: { type: "text", text: "Bacongo" } }),
    ).toEqual({ kind: "text", text: "Bacongo" });
    expect(toUserInput({ type: "edit", originalMessageId: "wamid.1" } as never)).toEqual({
      kind: "other",
      type: "edit",
    });
  });

  it("never throws, whatever the fields of an order, a Flow answer or an edit hold", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("order", "nfm_reply", "edit", "revoke", "request_welcome"),
        fc.dictionary(fc.constantFrom("catalogId", "items", "text", "response", "name", "edited"), fc.anything()),
        (type, fields) => {
          const input = toUserInput({ ...fields, type });
          expect(["text", "choice", "location", "media", "cart", "form", "other"]).toContain(input.kind);
        },
      ),
    );
  });
});

describe("the engine on edits, deletions and the welcome trigger", () => {
  it("answers the pending step with an edited message's new text", async () => {
    const chat = courier();
    await chat.send("Je veux envoyer un colis");
    await chat.shareLocation(-4.2634, 15.2429, { name: "Marché Total" });
    const edited = await chat.deliver({
      type: "edit",
      originalMessageId: "wamid.earlier",
      edited: { type: "text", text: "Rond-point Moungali" },
    });
    expect(edited.text).toContain("Étape 3/6");
  });

  it("says nothing when a message is deleted, and the step still waits for its answer", async () => {
    const chat = courier();
    await chat.send("Je veux envoyer un colis");
    const revoked = await chat.deliver({ type: "revoke", originalMessageId: "wamid.earlier" });
    expect(revoked.replies).toEqual([]);
    const next = await chat.shareLocation(-4.2634, 15.2429, { name: "Marché Total" });
    expect(next.text).toContain("Étape 2/6");
  });

  it("greets a user who opens the chat for the first time, with the menu", async () => {
    const chat = courier();
    const welcome = await chat.deliver({ type: "request_welcome" });
    expect(welcome.text).toContain("Aline");
    expect(welcome.options.length).toBeGreaterThan(0);
  });
});
