import { FormData } from "undici";
import { z } from "zod";
import type { CallOptions } from "../client/transport.js";
import { WhatsAppValidationError } from "../errors.js";
import { deleteNode, getNode, listEdge, postForm } from "../management/graph-calls.js";
import {
  businessAccount,
  createdId,
  type GraphContext,
  type GraphPage,
  type ListOptions,
  nodeId,
  postJson,
  query,
  successOf,
} from "../management/graph-context.js";
import { defined } from "../messages/wire.js";
import { validate } from "../validation.js";
import type { FlowJson } from "./flow-json.js";

// The Flows API (Meta's "Flows API" reference): Flows live on the WhatsApp
// Business Account; each is DRAFT until published, then PUBLISHED,
// DEPRECATED, BLOCKED or THROTTLED. Only a draft can be changed or deleted.

/** Business purposes a Flow can declare. */
export const FLOW_CATEGORIES = [
  "SIGN_UP",
  "SIGN_IN",
  "APPOINTMENT_BOOKING",
  "LEAD_GENERATION",
  "SHOPPING",
  "CONTACT_US",
  "CUSTOMER_SUPPORT",
  "SURVEY",
  "OTHER",
] as const;

/** A category of {@link FLOW_CATEGORIES}. */
export type FlowCategory = (typeof FLOW_CATEGORIES)[number];

/** One problem Meta found in a Flow JSON. */
export interface FlowValidationError {
  error: string;
  errorType: string | undefined;
  message: string;
  lineStart: number | undefined;
  columnStart: number | undefined;
}

/** A Flow as listed or fetched. */
export interface FlowInfo {
  id: string;
  name: string;
  /** `DRAFT`, `PUBLISHED`, `DEPRECATED`, `BLOCKED` or `THROTTLED`. */
  status: string;
  categories: string[];
  validationErrors: FlowValidationError[];
  /** Present on `getFlow`. */
  jsonVersion?: string;
  dataApiVersion?: string;
  endpointUri?: string;
  /** A web preview of the Flow, from `getFlow`. */
  previewUrl?: string;
}

/** What `createFlow` needs. */
export interface CreateFlowInput {
  /** Unique within the business account. */
  name: string;
  categories: FlowCategory[];
  /** The Flow JSON (built with `flowJson()` or a string); a draft without one is empty. */
  flowJson?: FlowJson | string;
  /** Publish at once (needs a valid `flowJson`). */
  publish?: boolean;
  cloneFlowId?: string;
  /** The data-exchange endpoint (https) of a Flow that uses one. */
  endpointUri?: string;
}

/** What `updateFlowMetadata` can change on a draft. */
export interface UpdateFlowMetadataInput {
  name?: string;
  categories?: FlowCategory[];
  endpointUri?: string;
}

const categories = z.array(z.enum(FLOW_CATEGORIES)).min(1).max(9);
const endpointUri = z
  .string()
  .max(2000)
  .refine((v) => v.startsWith("https://") && URL.canParse(v), "must be an https URL");

const createSchema = z.strictObject({
  name: z.string().min(1).max(200),
  categories,
  flowJson: z.union([z.string().min(2), z.record(z.string(), z.unknown())]).optional(),
  publish: z.boolean().optional(),
  cloneFlowId: z
    .string()
    .regex(/^\d{1,30}$/, "digits only (a Flow id)")
    .optional(),
  endpointUri: endpointUri.optional(),
});

const metadataSchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    categories: categories.optional(),
    endpointUri: endpointUri.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "give at least one of name, categories or endpointUri");

const jsonText = (json: FlowJson | string | Record<string, unknown>): string =>
  typeof json === "string" ? json : JSON.stringify(json);

function validationErrorsOf(list: unknown): FlowValidationError[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
    .map((e) => ({
      error: String(e.error ?? ""),
      errorType: typeof e.error_type === "string" ? e.error_type : undefined,
      message: String(e.message ?? ""),
      lineStart: typeof e.line_start === "number" ? e.line_start : undefined,
      columnStart: typeof e.column_start === "number" ? e.column_start : undefined,
    }));
}

function flowOf(raw: Record<string, unknown>): FlowInfo {
  const flow: FlowInfo = {
    id: String(raw.id ?? ""),
    name: String(raw.name ?? ""),
    status: String(raw.status ?? ""),
    categories: Array.isArray(raw.categories) ? raw.categories.map(String) : [],
    validationErrors: validationErrorsOf(raw.validation_errors),
  };
  if (typeof raw.json_version === "string") flow.jsonVersion = raw.json_version;
  if (typeof raw.data_api_version === "string") flow.dataApiVersion = raw.data_api_version;
  if (typeof raw.endpoint_uri === "string") flow.endpointUri = raw.endpoint_uri;
  const preview = raw.preview as { preview_url?: unknown } | undefined;
  if (typeof preview?.preview_url === "string") flow.previewUrl = preview.preview_url;
  return flow;
}

export async function createFlow(
  ctx: GraphContext,
  input: CreateFlowInput,
  options: CallOptions = {},
): Promise<{ id: string; validationErrors: FlowValidationError[] }> {
  const waba = businessAccount(ctx);
  const c = validate(createSchema, input, "flow");
  const body = defined({
    name: c.name,
    categories: c.categories,
    flow_json: c.flowJson === undefined ? undefined : jsonText(c.flowJson),
    publish: c.publish,
    clone_flow_id: c.cloneFlowId,
    endpoint_uri: c.endpointUri,
  });
  const res = await postJson<{ id?: unknown; validation_errors?: unknown }>(ctx, `/${waba}/flows`, body, options);
  return { id: createdId(res, "Flow creation"), validationErrors: validationErrorsOf(res.validation_errors) };
}

export async function updateFlowMetadata(
  ctx: GraphContext,
  flowId: string,
  input: UpdateFlowMetadataInput,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  const id = nodeId(flowId, "flowId");
  const c = validate(metadataSchema, input, "flow");
  const body = defined({ name: c.name, categories: c.categories, endpoint_uri: c.endpointUri });
  return successOf(await postJson(ctx, `/${id}`, body, options, true));
}

/** Uploads the Flow JSON of a draft as its `flow.json` asset; Meta answers the problems it found. */
export async function updateFlowJson(
  ctx: GraphContext,
  flowId: string,
  json: FlowJson | string,
  options: CallOptions = {},
): Promise<{ success: boolean; validationErrors: FlowValidationError[] }> {
  const id = nodeId(flowId, "flowId");
  if (typeof json !== "string" && (typeof json !== "object" || json === null || Array.isArray(json))) {
    throw new WhatsAppValidationError([{ field: "flowJson", rule: "a Flow JSON object or its JSON text" }]);
  }
  const form = new FormData();
  form.set("file", new Blob([jsonText(json)], { type: "application/json" }), "flow.json");
  form.set("name", "flow.json");
  form.set("asset_type", "FLOW_JSON");
  // Uploading the same JSON twice leaves the same draft.
  const res = await postForm<{ success?: unknown; validation_errors?: unknown }>(ctx, `/${id}/assets`, form, options);
  return { success: res.success === true, validationErrors: validationErrorsOf(res.validation_errors) };
}

async function flowAction(ctx: GraphContext, flowId: string, action: "publish" | "deprecate", options: CallOptions) {
  return successOf(await postJson(ctx, `/${nodeId(flowId, "flowId")}/${action}`, {}, options, true));
}

export const publishFlow = (ctx: GraphContext, flowId: string, options: CallOptions = {}) =>
  flowAction(ctx, flowId, "publish", options);

export const deprecateFlow = (ctx: GraphContext, flowId: string, options: CallOptions = {}) =>
  flowAction(ctx, flowId, "deprecate", options);

export async function deleteFlow(
  ctx: GraphContext,
  flowId: string,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  return deleteNode(ctx, `/${nodeId(flowId, "flowId")}`, options);
}

export async function listFlows(ctx: GraphContext, options: ListOptions = {}): Promise<GraphPage<FlowInfo>> {
  return listEdge(ctx, "flows", { fields: "id,name,status,categories,validation_errors" }, options, flowOf);
}

const FLOW_FIELDS =
  "id,name,status,categories,validation_errors,json_version,data_api_version,endpoint_uri,preview.invalidate(false)";

export async function getFlow(ctx: GraphContext, flowId: string, options: CallOptions = {}): Promise<FlowInfo> {
  const path = `/${nodeId(flowId, "flowId")}${query({ fields: FLOW_FIELDS })}`;
  return flowOf(await getNode(ctx, path, options));
}
