// Loads Meta's OpenAPI description of the Cloud API (v23.0), vendored unchanged in
// src/__fixtures__/openapi/, and fixes the flaws that folder's README lists, so tests
// can validate outbound bodies against it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";

/** The vendored description (see its README for version, source and licence). */
export const SPEC_PATH: string = fileURLToPath(
  new URL("../__fixtures__/openapi/business-messaging-api_v23.0.yaml", import.meta.url),
);

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;

/** allOf members each say additionalProperties: false, which rejects every valid message; move the rule up. */
function fixAllOf(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) fixAllOf(n);
    return;
  }
  if (!isNode(node)) return;
  if (Array.isArray(node.allOf)) {
    for (const member of node.allOf) if (isNode(member)) delete member.additionalProperties;
    node.unevaluatedProperties = false;
  }
  for (const key of Object.keys(node)) fixAllOf(node[key]);
}

function load(): { schemas: Node; examples: Record<string, Node>; paths: Record<string, Record<string, Node>> } {
  const spec = parse(readFileSync(SPEC_PATH, "utf8")) as Node;
  const components = spec.components as { schemas: Record<string, Node> };
  const schemas = components.schemas;
  fixAllOf(schemas);
  // Known flaws of the description (see __fixtures__/openapi/README.md); Meta's docs are followed instead.
  const locationMessage = schemas.LocationMessage as Node;
  const locationMember = (locationMessage.allOf as Node[])[1] as Node;
  const location = (locationMember.properties as Node).location as Node;
  const locProps = location.properties as Record<string, Node>;
  for (const k of ["latitude", "longitude"]) locProps[k] = { type: "number" };
  // The index pattern `^[2-6, 11-14]$` rejects "0"; the docs say 0-9.
  for (const name of ["TemplateComponent", "ButtonComponent"]) {
    const s = schemas[name] as Node;
    const props = (s.properties ?? ((s.allOf as Node[])[1] as Node).properties) as Record<string, Node>;
    props.index = { type: "string", pattern: "^[0-9]$" };
  }
  // cta_url and location_request_message are documented but missing.
  const interactive = schemas.InteractiveObject as Node;
  const typeEnum = ((interactive.properties as Record<string, Node>).type as Node).enum as string[];
  typeEnum.push("cta_url", "location_request_message");
  const action = schemas.ActionObject as { oneOf: Node[] };
  action.oneOf.push(
    {
      required: ["name", "parameters"],
      properties: {
        name: { enum: ["cta_url"] },
        parameters: {
          type: "object",
          required: ["display_text", "url"],
          additionalProperties: false,
          properties: { display_text: { type: "string", maxLength: 20 }, url: { type: "string" } },
        },
      },
    },
    { required: ["name"], properties: { name: { enum: ["send_location"] } }, additionalProperties: false },
  );
  const paths = spec.paths as Record<string, Record<string, Node>>;
  const post = paths["/{Version}/{Phone-Number-ID}/messages"]?.post as Node;
  const content = ((post.requestBody as Node).content as Node)["application/json"] as Node;
  const examples: Record<string, Node> = {};
  for (const [name, ex] of Object.entries(content.examples as Record<string, Node>)) examples[name] = ex.value as Node;
  return { schemas, examples, paths };
}

const { schemas, examples, paths } = load();
const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
ajv.addSchema({ $id: "spec", components: { schemas }, paths });

/** The request examples of `POST /{Phone-Number-ID}/messages`, by name. */
export const messageExamples: Record<string, Node> = examples;

/** Validates a body against a (fixed-up) component schema; returns the errors or an empty list. */
export function specErrors(schema: "Message" | "MarkMessageRequestPayload", body: unknown): string[] {
  const validateFn = ajv.getSchema(`spec#/components/schemas/${schema}`);
  if (!validateFn) throw new Error(`schema ${schema} not found`);
  if (validateFn(body)) return [];
  return (validateFn.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The JSON request-body schema of an operation, e.g. `("POST", "/{Version}/{Phone-Number-ID}/block_users")`. */
function requestSchema(method: string, path: string): Node {
  const op = (paths[path] as Record<string, Node> | undefined)?.[method.toLowerCase()];
  const content = (op?.requestBody as Node | undefined)?.content as Record<string, Node> | undefined;
  const schema = content?.["application/json"]?.schema as Node | undefined;
  if (!schema) throw new Error(`no JSON request body for ${method} ${path}`);
  return schema;
}

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/** Validates a management request body against its operation in the description; returns the errors or an empty list. */
export function requestErrors(method: string, path: string, body: unknown): string[] {
  const key = `${method} ${path}`;
  let validateFn = compiled.get(key);
  if (!validateFn) {
    // Inline schemas refer to `#/components/...` of the whole description.
    const pointer = `/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    requestSchema(method, path);
    validateFn = ajv.compile({ $ref: `spec#${encodeURI(pointer).replaceAll("{", "%7B").replaceAll("}", "%7D")}` });
    compiled.set(key, validateFn);
  }
  if (validateFn(body)) return [];
  return (validateFn.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The request examples of an operation with a JSON body, by name. */
export function requestExamples(method: string, path: string): Record<string, Node> {
  const op = (paths[path] as Record<string, Node> | undefined)?.[method.toLowerCase()];
  const content = ((op?.requestBody as Node | undefined)?.content as Record<string, Node> | undefined)?.[
    "application/json"
  ];
  const out: Record<string, Node> = {};
  for (const [name, ex] of Object.entries((content?.examples ?? {}) as Record<string, Node>))
    out[name] = ex.value as Node;
  return out;
}
