// Every package with zod reads a zod issue's path into the `field` of its validation error. The packages
// are leaves for one another and each has its own helper (payments' and whatsapp-client's `validate`,
// flows' and smart-fallback's `parseOptions`), so this pins the one format they share: the path as
// JavaScript reads it, `sections[1].rows[0].title`. The schema is a real one (whatsapp-client's list
// message) and each helper is handed the same schema and the same bad input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseOptions as flowsParse } from "../../packages/flows/src/validate-options.js";
import { validate as paymentsValidate } from "../../packages/payments/src/validate.js";
import { parseOptions as smartFallbackParse } from "../../packages/smart-fallback/src/validate-options.js";
import { listSchema } from "../../packages/whatsapp-client/src/messages/schemas.js";
import {
  validate as whatsAppValidate,
  validateOptions as whatsAppValidateOptions,
} from "../../packages/whatsapp-client/src/validation.js";

const helpers = {
  payments: paymentsValidate,
  "whatsapp-client": whatsAppValidate,
  flows: flowsParse,
  "smart-fallback": smartFallbackParse,
} as const;

/** The `field` each package's helper names for `input`, by package. */
function fieldsFor(input: unknown): Record<keyof typeof helpers, string> {
  const out = {} as Record<keyof typeof helpers, string>;
  for (const [name, parse] of Object.entries(helpers) as Array<[keyof typeof helpers, typeof flowsParse]>) {
    try {
      parse(listSchema, input);
      out[name] = "accepted";
    } catch (error) {
      const field = (error as { field?: unknown }).field;
      out[name] = typeof field === "string" ? field : `not a validation error: ${String(error)}`;
    }
  }
  return out;
}

const everywhere = (field: string) => Object.fromEntries(Object.keys(helpers).map((name) => [name, field]));

/** A list message of `shape[s]` rows in section `s`, one row title too long (WhatsApp allows 24) at `bad`. */
function list(shape: number[], bad: [number, number]) {
  return {
    body: "Choisissez",
    button: "Voir",
    sections: shape.map((rows, s) => ({
      title: `Section ${s}`,
      rows: Array.from({ length: rows }, (_, r) => ({
        id: `s${s}r${r}`,
        title: s === bad[0] && r === bad[1] ? "x".repeat(25) : `Ligne ${r}`,
      })),
    })),
  };
}

describe("a field path reads the same in every package with zod", () => {
  it("names a bad row title sections[1].rows[0].title in payments, whatsapp-client, flows and smart-fallback", () => {
    expect(fieldsFor(list([2, 1], [1, 0]))).toEqual(everywhere("sections[1].rows[0].title"));
    expect(fieldsFor(list([1], [9, 9]))).toEqual(everywhere("accepted"));
  });

  it("for any position of the bad row", () => {
    const input = fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
      .chain((shape) =>
        fc
          .integer({ min: 0, max: shape.length - 1 })
          .chain((s) => fc.tuple(fc.constant(shape), fc.constant(s), fc.integer({ min: 0, max: (shape[s] ?? 1) - 1 }))),
      );
    fc.assert(
      fc.property(input, ([shape, s, r]) => {
        expect(fieldsFor(list(shape, [s, r]))).toEqual(everywhere(`sections[${s}].rows[${r}].title`));
      }),
    );
  });
});

// The empty path: options that are not an object at all. Each package's options reader names them
// `options` (payments' constructors pass the `options` prefix to `validate`; whatsapp-client's handlers and
// stores use `validateOptions`); `(input)` is left to a message or request body, which is not an option.
const optionReaders = {
  payments: (schema: typeof listSchema, input: unknown) => paymentsValidate(schema, input, "options"),
  "whatsapp-client": whatsAppValidateOptions,
  flows: flowsParse,
  "smart-fallback": smartFallbackParse,
} as const;

describe("options that are not an object are named the same in every package with zod", () => {
  it.each([null, undefined, 42, "ttlMs", []])(
    "%s is named options in payments, whatsapp-client, flows and smart-fallback",
    (input) => {
      const fields = Object.fromEntries(
        Object.entries(optionReaders).map(([name, read]) => {
          try {
            read(listSchema, input);
            return [name, "accepted"];
          } catch (error) {
            return [name, (error as { field?: unknown }).field];
          }
        }),
      );
      expect(fields).toEqual(everywhere("options"));
    },
  );

  it("a message body that is not an object is (input) in whatsapp-client and payments", () => {
    for (const validate of [whatsAppValidate, paymentsValidate]) {
      expect(() => validate(listSchema, null)).toThrow(expect.objectContaining({ field: "(input)" }));
    }
  });
});
