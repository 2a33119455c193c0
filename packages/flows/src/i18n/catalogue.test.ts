import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { builtInFlows } from "../flows/built-in.js";
import { createTestConversation } from "../testing/test-conversation.js";
import { catalogues } from "./catalogue.js";
import { formatPhone, formatXaf } from "./format.js";

// Words that only a French reply would hold: an English conversation must not show them.
const french = /\b(Étape|Quel|Quelle|Où|Combien|Votre|Vous|Confirmer|Annuler|Récapitulatif|commande)\b/;

describe("catalogues", () => {
  it("have the same keys in every locale", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(catalogues.en)).toEqual(keys(catalogues.fr));
  });

  it("run a whole courier request and a marketplace order in English without a French word", async () => {
    const backend = new MemoryBackend();
    const chat = createTestConversation({ flows: builtInFlows({ backend }), locale: "en" });
    const turns = [
      await chat.send("I want to send a parcel"),
      await chat.shareLocation(-4.2634, 15.2429),
      await chat.send("Bacongo"),
      await chat.send("lots"),
      await chat.send("15000"),
      await chat.send("documents"),
      await chat.send("Marie"),
      await chat.send("12"),
      await chat.send("06 123 4567"),
      await chat.tap("courier:confirm"),
      await chat.send("menu"),
      await chat.tap("flow:marketplace"),
      await chat.tap("cat:restaurants"),
      await chat.tap("shop:chez-mama-ngudi"),
      await chat.tap("prod:poulet-braise"),
      await chat.tap("qty:2"),
      await chat.send("Poto-Poto"),
      await chat.tap("pay:cash"),
      await chat.tap("shop:confirm"),
    ];
    const texts = turns.flatMap((t) => t.replies.map((r) => JSON.stringify(r)));
    for (const text of texts) expect(text).not.toMatch(french);
    expect(turns.at(-1)?.text).toContain("Order *CMD-");
    expect(turns[3]?.text).toContain("I didn't understand the amount");
  });

  it("format XAF and Congo numbers per locale", () => {
    expect(formatXaf(1500000, "fr")).toBe("1 500 000 FCFA");
    expect(formatXaf(1500000, "en")).toBe("1,500,000 XAF");
    expect(formatPhone("+242061234567")).toBe("+242 06 123 4567");
    expect(formatPhone("33612345678")).toBe("+33612345678");
  });
});
