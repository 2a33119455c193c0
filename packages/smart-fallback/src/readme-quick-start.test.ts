// The README's quick start, read from the README at test time and run (without an API key the LLM
// step is skipped): a README edit that breaks it fails here.
import { afterEach, expect, it, vi } from "vitest";
import { readmeBlock, runReadmeBlock } from "../../../scripts/readme-blocks.js";
import { type DeliveryDetails, detectIntent, explain, parseAmount } from "./index.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

it("README quick start", async () => {
  // The test proves the no-key path: a developer's own key must not turn it into a network call.
  vi.stubEnv("OPENAI_API_KEY", undefined);

  const run = (await runReadmeBlock(readmeBlock(new URL("../README.md", import.meta.url), "## Quick start"), {
    imports: { "@toktok/smart-fallback": new URL("./index.ts", import.meta.url) },
    expose: ["details", "result", "reply"],
  })) as { details: DeliveryDetails; result: { amount?: number; llm: { status: string } }; reply: string };

  expect(run.details).toMatchObject({
    address: "Moungali",
    recipientName: "Marie",
    phone: "+242061234567",
    amount: 5000,
  });
  expect(run.result.llm.status).toBe("disabled");
  expect(run.result.amount).toBe(150);
  expect(run.reply).toBe("Montant : 150 FCFA");
  // What the README's comments promise for the calls whose results it does not keep.
  expect(parseAmount("deux mille cinq cents F")).toBe(2500);
  expect(detectIntent("En fait je veux commander au restaurant").intent).toBe("marketplace");
  expect(explain("amount")).toBe("⚠️ Je n'ai pas compris le montant.\n💡 Tapez 5000 pour 5000 FCFA");
});
