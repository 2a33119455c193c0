// Validates webhook payloads against what Meta's vendored OpenAPI description (v23.0) says of the
// `messages` and group fields — the only webhook fields it describes — after fixing, in memory,
// the flaws listed in ../__fixtures__/openapi/README.md ("Webhooks").
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { SPEC_PATH } from "./openapi.js";

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** The inbound schema of each message type (the description's `IncomingMessage` maps them to the outbound ones). */
export const INBOUND_MESSAGE_SCHEMAS: Readonly<Record<string, string>> = {
  text: "TextMessage_2",
  reaction: "ReactionMessage_1",
  audio: "AudioMessage_1",
  document: "DocumentMessage_1",
  image: "ImageMessage_1",
  sticker: "StickerMessage_1",
  video: "VideoMessage_1",
  location: "LocationMessage_1",
  contacts: "ContactSharingMessage",
  unsupported: "UnsupportedMessage",
  button: "ButtonMessage",
  interactive: "InteractiveMessageReply",
  order: "OrderMessage",
  system: "SystemMessage",
};

function load(): Node {
  const spec = parse(readFileSync(SPEC_PATH, "utf8")) as { components: { schemas: Node } };
  const schemas = spec.components.schemas;
  // The inbound message schemas extend the outbound base (messaging_product, to…): use the inbound one.
  for (const name of Object.values(INBOUND_MESSAGE_SCHEMAS)) {
    const allOf = (schemas[name] as Node).allOf as Node[];
    for (const member of allOf) {
      if (member.$ref === "#/components/schemas/BaseMessageProperties") {
        member.$ref = "#/components/schemas/BaseMessageProperties_1";
      }
    }
  }
  // Inbound contacts, and the errors of an unsupported message, point at the outbound schemas too.
  const member = (name: string): Node => ((schemas[name] as Node).allOf as Node[])[1] as Node;
  const props = (node: Node): Record<string, Node> => node.properties as Record<string, Node>;
  (props(member("ContactSharingMessage")).contacts as Node).items = { $ref: "#/components/schemas/ContactObject_1" };
  (props(member("UnsupportedMessage")).errors as Node).items = { $ref: "#/components/schemas/ErrorObject_2" };
  // A Flow completion (`nfm_reply`) is an interactive reply Meta's Flows reference documents.
  const interactive = props(member("InteractiveMessageReply")).interactive as Node;
  ((props(interactive).type as Node).enum as string[]).push("nfm_reply");
  // `ContextObject` describes only the "Message business" button of a product; a reply or a
  // forward carries `id`/`from` or `forwarded` alone, as the messages reference shows.
  delete (schemas.ContextObject as Node).required;
  // A shared pin has coordinates only: `name` and `address` come with a named place.
  (props(member("LocationMessage_1")).location as Node).required = ["latitude", "longitude"];
  // `Change.value` is a oneOf over the message schemas mapped to the outbound ones, and `Change.field`
  // lists only `messages` and the group fields: the envelope is checked down to the change, and each
  // described part of a change on its own (webhookSpecErrors).
  schemas.Change = { type: "object", required: ["value", "field"], properties: { field: { type: "string" } } };
  // Meta's status reference documents `played` (voice notes); the enum misses it.
  const statuses = schemas.Statuses as { properties: { status: { enum: string[] } } };
  statuses.properties.status.enum.push("played");
  return schemas;
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
ajv.addSchema({ $id: "webhooks", components: { schemas: load() } });

function errorsOf(schema: string, value: unknown, where: string): string[] {
  const validate = ajv.getSchema(`webhooks#/components/schemas/${schema}`);
  if (!validate) throw new Error(`schema ${schema} not found`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${where}${e.instancePath} (${schema}) ${e.message}`);
}

/**
 * The disagreements between a delivery and the description: its envelope, and each `messages` or
 * `group_*` change (metadata, contacts, statuses, groups, and each message of a type it describes).
 * Other fields are not described and not checked. Properties it does not list are allowed: Meta
 * sends more than it describes (e.g. `url` on media, `pricing.type`).
 */
export function webhookSpecErrors(payload: unknown): string[] {
  const out = errorsOf("WebhookPayload", payload, "");
  if (!isNode(payload) || !Array.isArray(payload.entry)) return out;
  payload.entry.forEach((entry, e) => {
    if (!isNode(entry) || !Array.isArray(entry.changes)) return;
    entry.changes.forEach((change, c) => {
      if (!isNode(change) || !isNode(change.value)) return;
      const field = change.field;
      if (field !== "messages" && !(typeof field === "string" && field.startsWith("group_"))) return;
      const value = change.value;
      const at = `entry[${e}].changes[${c}].value`;
      out.push(...errorsOf("Metadata", value.metadata, `${at}.metadata`));
      const each = (key: string, schema: (item: unknown) => string | undefined) => {
        if (!Array.isArray(value[key])) return;
        value[key].forEach((item, i) => {
          const name = schema(item);
          if (name) out.push(...errorsOf(name, item, `${at}.${key}[${i}]`));
        });
      };
      each("contacts", () => "ContactProfile");
      each("statuses", () => "Statuses");
      each("groups", () => "Groups");
      each("messages", (m) => (isNode(m) && typeof m.type === "string" ? INBOUND_MESSAGE_SCHEMAS[m.type] : undefined));
    });
  });
  return out;
}
