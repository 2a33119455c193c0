// Checks an answer of the relay against openapi.yaml: its status is documented for the operation,
// its JSON body matches the documented schema, and the documented required headers are there.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { parse } from "yaml";
import { fromJSONSchema, type z } from "zod";

interface ResponseSpec {
  headers?: Record<string, { $ref?: string; required?: boolean; schema?: { pattern?: string } }>;
  content?: Record<string, { schema: object }>;
}
interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, ResponseSpec> }>>;
  components: {
    schemas: Record<string, object>;
    headers: Record<string, { required?: boolean; schema?: { pattern?: string } }>;
  };
}

/** The relay's openapi.yaml, parsed. */
export const spec = parse(readFileSync(new URL("../../openapi.yaml", import.meta.url), "utf8")) as Spec;

// zod resolves local refs under `$defs`: point the components' refs there.
const defs = JSON.parse(JSON.stringify(spec.components.schemas).replaceAll("#/components/schemas/", "#/$defs/"));
const compiled = new Map<string, z.ZodType>();

/** The zod schema of one documented JSON response (throws when the response is not documented). */
export function responseSchema(path: string, method: string, status: number): z.ZodType {
  const key = `${method} ${path} ${status}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const response = spec.paths[path]?.[method]?.responses[String(status)];
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${key}: no documented JSON response`);
  const zod = fromJSONSchema({
    ...JSON.parse(JSON.stringify(schema).replaceAll("#/components/schemas/", "#/$defs/")),
    $defs: defs,
  });
  compiled.set(key, zod);
  return zod;
}

/** Asserts `res` is a documented answer of `method path` and returns its JSON body. */
export async function expectDocumented(res: Response, path: string, method = "post"): Promise<unknown> {
  const label = `${method.toUpperCase()} ${path} → ${res.status}`;
  const response = spec.paths[path]?.[method]?.responses[String(res.status)];
  expect(response, `${label} is not documented`).toBeDefined();
  expect(res.headers.get("content-type") ?? "", label).toMatch(/^application\/json/);
  const body: unknown = await res.json();
  const parsed = responseSchema(path, method, res.status).safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, `${label}: ${JSON.stringify(body)}`).toEqual([]);
  for (const [name, header] of Object.entries(response?.headers ?? {})) {
    const resolved = header.$ref ? spec.components.headers[header.$ref.split("/").pop() as string] : header;
    const value = res.headers.get(name);
    if (resolved?.required) expect(value, `${label}: header ${name}`).not.toBeNull();
    if (value !== null && resolved?.schema?.pattern) expect(value).toMatch(new RegExp(resolved.schema.pattern));
  }
  return body;
}

/** The zod schema of a named component schema (e.g. `Error`, for answers no operation owns such as 404). */
export function componentSchema(name: string): z.ZodType {
  return fromJSONSchema({ $ref: `#/$defs/${name}`, $defs: defs });
}
