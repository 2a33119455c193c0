import { z } from "zod";
import { llmAnswerSchema } from "./schema.js";
import type { JsonSchemaResponseFormat } from "./types.js";

const NAME = "delivery_details";
let cached: Promise<JsonSchemaResponseFormat> | undefined;

/**
 * The structured-output format for the answer schema. Uses the `openai` package's own zod
 * helper (so `parse()` fills `message.parsed`) and falls back to zod's JSON Schema export
 * when that helper cannot be loaded; the answer is validated with zod either way.
 */
export function responseFormat(): Promise<JsonSchemaResponseFormat> {
  cached ??= import("openai/helpers/zod")
    .then((helpers) => helpers.zodResponseFormat(llmAnswerSchema, NAME) as JsonSchemaResponseFormat)
    .catch(
      (): JsonSchemaResponseFormat => ({
        type: "json_schema",
        json_schema: {
          name: NAME,
          strict: true,
          schema: z.toJSONSchema(llmAnswerSchema, { target: "draft-7" }) as Record<string, unknown>,
        },
      }),
    );
  return cached;
}
