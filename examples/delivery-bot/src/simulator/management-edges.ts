// The Graph stand-in's account management routes, in the shapes of Meta's references (Flows API,
// message templates, QR codes `message_qrdls`, `conversational_automation`, `whatsapp_business_encryption`):
// what `cloud:setup` and the bot's start call. State lives in memory for the stand-in's life.
import type { IncomingMessage } from "node:http";

/** Writes a JSON answer. */
type Answer = (status: number, body: unknown) => void;

/** A template as `GET /{waba-id}/message_templates` lists it. */
export interface StandInTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  /** `GREEN`, `YELLOW`, `RED`, `UNKNOWN`. */
  quality?: string;
}

/** A Flow the stand-in holds. */
export interface StandInFlow {
  id: string;
  name: string;
  categories: string[];
  /** `DRAFT` until published, then `PUBLISHED`. */
  status: "DRAFT" | "PUBLISHED" | "DEPRECATED";
  /** Its Flow JSON as uploaded (text). */
  json?: string;
  endpointUri?: string;
}

/** A QR code of the number. */
export interface StandInQrCode {
  code: string;
  prefilledMessage: string;
}

/** What the management routes keep; readable (and seedable) by tests through the stand-in. */
export interface ManagementState {
  /** The WhatsApp Business Account id the stand-in answers to (`WHATSAPP_BUSINESS_ACCOUNT_ID`). */
  readonly businessAccountId: string;
  readonly templates: StandInTemplate[];
  readonly flows: Map<string, StandInFlow>;
  readonly qrCodes: Map<string, StandInQrCode>;
  /** The last `conversational_automation` body set (Graph's snake_case), if any. */
  automation: Record<string, unknown> | undefined;
  /** The PEM registered through `whatsapp_business_encryption`, if any. */
  publicKey: string | undefined;
}

export function createManagementState(businessAccountId: string): ManagementState {
  return {
    businessAccountId,
    templates: [],
    flows: new Map(),
    qrCodes: new Map(),
    automation: undefined,
    publicKey: undefined,
  };
}

const PARAM_ERROR = (message: string) => ({ error: { message, type: "OAuthException", code: 100 } });

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  try {
    const value = JSON.parse(await readText(req)) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A multipart or urlencoded body read as Meta reads its form uploads. */
async function readForm(req: IncomingMessage): Promise<FormData | undefined> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const body = await readText(req);
  return new Response(body, { headers }).formData().catch(() => undefined);
}

/**
 * A Flow creation's parameters: Meta's reference describes a multipart form (`categories` a JSON list in
 * text, `publish` "true"), and Graph takes the same as a JSON body, which is what the client sends.
 */
async function readFlowCreation(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  if (!String(req.headers["content-type"] ?? "").startsWith("multipart/form-data")) return readJson(req);
  const form = await readForm(req);
  if (!form) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string") out[name] = value;
  try {
    if (typeof out.categories === "string") out.categories = JSON.parse(out.categories) as unknown;
  } catch {
    return undefined;
  }
  if (out.publish !== undefined) out.publish = out.publish === "true";
  return out;
}

let lastId = 1_000_000_000_000;
/** A new numeric Graph id (Flows and QR codes are numbered like any Graph node). */
function newId(): string {
  lastId += 1;
  return String(lastId);
}

const flowOut = (flow: StandInFlow) => ({
  id: flow.id,
  name: flow.name,
  status: flow.status,
  categories: flow.categories,
  validation_errors: [],
  ...(flow.endpointUri ? { endpoint_uri: flow.endpointUri } : {}),
});

function qrOut(qr: StandInQrCode, base: string, format: string | undefined) {
  return {
    code: qr.code,
    prefilled_message: qr.prefilledMessage,
    deep_link_url: `https://wa.me/message/${qr.code}`,
    ...(format ? { qr_image_url: `${base}/qr/${qr.code}.${format.toLowerCase()}` } : {}),
  };
}

/** `qr_image_url.format(PNG)` in a `fields` list: the image format asked for. */
const imageFormatOf = (fields: string | null) => fields?.match(/qr_image_url\.format\((\w+)\)/)?.[1];

/**
 * Answers a management call and returns true, or returns false for a path that is not one (the stand-in
 * goes on with its other routes). `objectId` is the node (WABA, Flow or phone number), `edge` what follows.
 */
export async function managementEdge(
  req: IncomingMessage,
  url: URL,
  ids: { objectId: string; edge: string | undefined; rest: string | undefined; phoneNumberId: string | undefined },
  state: ManagementState,
  base: string,
  answer: Answer,
): Promise<boolean> {
  const { objectId, edge, rest } = ids;
  const method = req.method ?? "GET";
  if (objectId === state.businessAccountId) {
    if (edge === "message_templates" && method === "GET") {
      const status = url.searchParams.get("status");
      const data = state.templates
        .filter((t) => !status || t.status === status)
        .map((t) => ({
          id: t.id,
          name: t.name,
          language: t.language,
          status: t.status,
          category: t.category,
          components: [],
          ...(t.quality ? { quality_score: { score: t.quality } } : {}),
        }));
      answer(200, { data, paging: { cursors: { before: "MAZDZD", after: "MjQZD" } } });
      return true;
    }
    if (edge === "flows" && method === "GET") {
      answer(200, { data: [...state.flows.values()].map(flowOut) });
      return true;
    }
    if (edge === "flows" && method === "POST") {
      const body = await readFlowCreation(req);
      if (typeof body?.name !== "string" || !Array.isArray(body.categories) || body.categories.length === 0) {
        answer(400, PARAM_ERROR("(#100) The parameter name and categories are required"));
        return true;
      }
      if ([...state.flows.values()].some((f) => f.name === body.name)) {
        // Meta refuses a second Flow of the same name in one business account.
        answer(400, PARAM_ERROR("(#100) A Flow with the same name already exists"));
        return true;
      }
      const flow: StandInFlow = {
        id: newId(),
        name: body.name,
        categories: body.categories.map(String),
        status: body.publish === true && typeof body.flow_json === "string" ? "PUBLISHED" : "DRAFT",
        ...(typeof body.flow_json === "string" ? { json: body.flow_json } : {}),
        ...(typeof body.endpoint_uri === "string" ? { endpointUri: body.endpoint_uri } : {}),
      };
      state.flows.set(flow.id, flow);
      answer(200, { id: flow.id, success: true, validation_errors: [] });
      return true;
    }
    return false;
  }
  const flow = state.flows.get(objectId);
  if (flow) {
    if (edge === undefined && method === "GET") {
      answer(200, flowOut(flow));
      return true;
    }
    if (edge === "assets" && method === "POST") {
      const form = await readForm(req);
      const file = form?.get("file");
      if (form?.get("asset_type") !== "FLOW_JSON" || !(file instanceof Blob)) {
        answer(400, PARAM_ERROR("(#100) Param file must be a file and asset_type FLOW_JSON"));
        return true;
      }
      if (flow.status !== "DRAFT") {
        answer(400, {
          error: { message: "Flow can't be updated: it is not a draft", type: "OAuthException", code: 139001 },
        });
        return true;
      }
      flow.json = await file.text();
      answer(200, { success: true, validation_errors: [] });
      return true;
    }
    if (edge === "publish" && method === "POST") {
      if (flow.status !== "DRAFT" || !flow.json) {
        answer(400, { error: { message: "Flow can't be published", type: "OAuthException", code: 139002 } });
        return true;
      }
      flow.status = "PUBLISHED";
      answer(200, { success: true });
      return true;
    }
    return false;
  }
  if (ids.phoneNumberId !== undefined && objectId !== ids.phoneNumberId) return false;
  if (edge === "whatsapp_business_encryption" && method === "POST") {
    const key = (await readForm(req))?.get("business_public_key");
    if (typeof key !== "string" || !key.includes("BEGIN PUBLIC KEY")) {
      answer(400, PARAM_ERROR("(#100) Param business_public_key must be a PEM public key"));
      return true;
    }
    state.publicKey = key;
    answer(200, { success: true });
    return true;
  }
  if (edge === "conversational_automation" && method === "POST") {
    const body = await readJson(req);
    if (!body) {
      answer(400, PARAM_ERROR("(#100) Invalid parameter"));
      return true;
    }
    state.automation = body;
    answer(200, { success: true });
    return true;
  }
  if (edge === "message_qrdls") {
    const format = imageFormatOf(url.searchParams.get("fields"));
    if (method === "GET" && rest === undefined) {
      answer(200, { data: [...state.qrCodes.values()].map((qr) => qrOut(qr, base, format)) });
      return true;
    }
    if (method === "POST" && rest === undefined) {
      const body = await readJson(req);
      const text = body?.prefilled_message;
      if (typeof text !== "string" || text.length === 0 || text.length > 140) {
        answer(400, PARAM_ERROR("(#100) Param prefilled_message must be 1 to 140 characters"));
        return true;
      }
      const code = typeof body?.code === "string" ? body.code : newId().slice(-10);
      if (body?.code !== undefined && !state.qrCodes.has(code)) {
        answer(404, PARAM_ERROR("(#100) Unknown QR code"));
        return true;
      }
      const qr = { code, prefilledMessage: text };
      state.qrCodes.set(code, qr);
      const generated = typeof body?.generate_qr_image === "string" ? body.generate_qr_image : undefined;
      answer(200, qrOut(qr, base, generated));
      return true;
    }
  }
  return false;
}
