import { describe, expect, it } from "vitest";
import { responseFormat } from "./response-format.js";

describe("responseFormat", () => {
  it("is built by openai's zodResponseFormat helper, which accepts zod 4 schemas", async () => {
    const format = await responseFormat();
    // The helper brands its result with a parser; the fallback would not have one.
    expect("$parseRaw" in format).toBe(true);
    expect(format.json_schema.strict).toBe(true);
    const schema = format.json_schema.schema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(["address", "amount", "intent", "phone", "recipientName"]);
    expect(schema.required.sort()).toEqual(["address", "amount", "intent", "phone", "recipientName"]);
  });
});
