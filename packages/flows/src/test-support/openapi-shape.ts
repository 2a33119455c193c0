// Reads openapi/backend.yaml for the tests that hold it to the code (backend/openapi*.test.ts).
import { readFileSync } from "node:fs";
import { parse } from "yaml";

type Json = { [key: string]: unknown };

/** openapi/backend.yaml, parsed. */
export const backendSpec = parse(readFileSync(new URL("../../openapi/backend.yaml", import.meta.url), "utf8")) as Json;

/** The facts a schema and its counterpart must agree on: JSON type, properties, required list, enum, array items. */
export interface Shape {
  type?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, Shape>;
  items?: Shape;
}

/** `node[key]`, for walking parsed YAML or JSON without a cast at every step. */
export const at = (node: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((value, key) => (value as Json | undefined)?.[key], node);

/**
 * A JSON schema node (OpenAPI's or one `z.toJSONSchema` made) reduced to its {@link Shape}: `$ref`s
 * to `#/components/schemas/…` resolved against the backend spec, `allOf`s merged, everything else
 * (descriptions, formats, bounds) left out.
 */
export function shape(node: unknown): Shape {
  const ref = at(node, "$ref");
  if (typeof ref === "string")
    return shape(at(backendSpec, "components", "schemas", ref.replace("#/components/schemas/", "")));
  const allOf = at(node, "allOf");
  if (Array.isArray(allOf)) {
    const parts = allOf.map(shape);
    return {
      type: "object",
      required: parts.flatMap((p) => p.required ?? []).sort(),
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
    };
  }
  const out: Shape = {};
  const type = at(node, "type");
  if (typeof type === "string") out.type = type;
  const values = at(node, "enum");
  if (Array.isArray(values)) out.enum = values.map(String).sort();
  const properties = at(node, "properties") as Json | undefined;
  if (properties) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, shape(value)]));
    out.required = ((at(node, "required") as string[] | undefined) ?? []).slice().sort();
  }
  const items = at(node, "items");
  if (items) out.items = shape(items);
  return out;
}

/**
 * Where `value` strays from `schema`: a property the schema does not document, a required one
 * missing, a value outside an enum — each as `path: problem`, at any depth. Empty when it conforms.
 */
export function strayFrom(value: unknown, schema: Shape, path = "body"): string[] {
  if (schema.enum && !schema.enum.includes(String(value))) return [`${path}: ${String(value)} is not in the enum`];
  if (Array.isArray(value) && schema.items)
    return value.flatMap((item, i) => strayFrom(item, schema.items as Shape, `${path}[${i}]`));
  if (typeof value !== "object" || value === null || !schema.properties) return [];
  const properties = schema.properties;
  const record = value as Json;
  return [
    ...(schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: required, missing`),
    ...Object.entries(record).flatMap(([key, child]) => {
      const childSchema = properties[key];
      return childSchema ? strayFrom(child, childSchema, `${path}.${key}`) : [`${path}.${key}: not documented`];
    }),
  ];
}
