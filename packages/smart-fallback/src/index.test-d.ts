import OpenAI from "openai";
import { describe, expectTypeOf, it } from "vitest";
import {
  type DeliveryDetails,
  detectIntent,
  extractDeliveryDetails,
  type Intent,
  type OpenAIChatClient,
  parseAmount,
  parsePhone,
  type SmartExtraction,
  SmartFallback,
  type SmartFallbackCache,
  type Validation,
  validateAmount,
} from "./index.js";

describe("public types", () => {
  it("accepts a real OpenAI client where an OpenAIChatClient is expected", () => {
    const client = new OpenAI({ apiKey: "sk-test" });
    expectTypeOf(client).toExtend<OpenAIChatClient>();
    expectTypeOf(new SmartFallback({ openai: client })).toEqualTypeOf<SmartFallback>();
  });

  it("accepts a Map-like async cache", () => {
    const cache = { get: async (_k: string) => undefined as unknown, set: async (_k: string, _v: unknown) => true };
    expectTypeOf(cache).toExtend<SmartFallbackCache>();
  });

  it("types the readers precisely", () => {
    expectTypeOf(parsePhone("x")).toEqualTypeOf<string | undefined>();
    expectTypeOf(parseAmount("x")).toEqualTypeOf<number | undefined>();
    expectTypeOf(extractDeliveryDetails("x")).toEqualTypeOf<DeliveryDetails>();
    expectTypeOf(detectIntent("x").intent).toEqualTypeOf<Intent>();
    expectTypeOf<Intent>().toEqualTypeOf<
      "courier" | "marketplace" | "track" | "cancel" | "help" | "greeting" | "human" | "unknown"
    >();
    expectTypeOf(new SmartFallback().extract("x")).resolves.toEqualTypeOf<SmartExtraction>();
    expectTypeOf(validateAmount("x")).toEqualTypeOf<Validation<number>>();
  });

  it("rejects a wrong field name", () => {
    // @ts-expect-error "colour" is not a field
    new SmartFallback().extract("x", { expected: "colour" });
  });
});
