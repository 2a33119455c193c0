// The README's quick start, run as written (without an API key the LLM step is skipped).
import { afterEach, expect, it, vi } from "vitest";
import { detectIntent, explain, extractDeliveryDetails, parseAmount, SmartFallback } from "./index.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

it("README quick start", async () => {
  // The test proves the no-key path: a developer's own key must not turn it into a network call.
  vi.stubEnv("OPENAI_API_KEY", undefined);

  const details = extractDeliveryDetails("Envoyer à Moungali chez Marie, 06 123 4567, 5000 francs");
  // → { address: "Moungali", recipientName: "Marie", phone: "+242061234567", amount: 5000, confidence: 0.92, … }

  parseAmount("deux mille cinq cents F"); // → 2500
  detectIntent("En fait je veux commander au restaurant"); // → { intent: "marketplace", confidence: 0.97 }

  const fallback = new SmartFallback({ apiKey: process.env.OPENAI_API_KEY, model: "gpt-4o-mini" });
  const result = await fallback.extract("livrer à Mbota, c'est 150");
  // result.llm.status: "called" with a key, "disabled" without one; never throws for a timeout or a 429
  const reply = result.amount === undefined ? explain("amount") : `Montant : ${result.amount} FCFA`;

  expect(details).toMatchObject({ address: "Moungali", recipientName: "Marie", phone: "+242061234567", amount: 5000 });
  expect(parseAmount("deux mille cinq cents F")).toBe(2500);
  expect(detectIntent("En fait je veux commander au restaurant").intent).toBe("marketplace");
  expect(result.llm.status).toBe("disabled");
  expect(reply).toBe("Montant : 150 FCFA");
  expect(explain("amount")).toBe("⚠️ Je n'ai pas compris le montant.\n💡 Tapez 5000 pour 5000 FCFA");
});
