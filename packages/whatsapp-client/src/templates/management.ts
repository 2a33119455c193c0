import { z } from "zod";
import type { CallOptions } from "../client/transport.js";
import { deleteNode, listEdge } from "../management/graph-calls.js";
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

// Template management on the WhatsApp Business Account (Meta's "Message
// Templates" reference): create (then Meta reviews it), list with status and
// quality, edit an approved one's components or category, delete by name (all
// languages) or by name and id (one language). Definitions are written in
// Graph's own shape (upper-case component types), as Meta documents them.

/** Template categories. */
export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
/** A category of {@link TEMPLATE_CATEGORIES}. */
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** A button of a template definition. */
export type TemplateDefinitionButton =
  | { type: "QUICK_REPLY"; text: string }
  | { type: "URL"; text: string; url: string; example?: string[] }
  | { type: "PHONE_NUMBER"; text: string; phone_number: string }
  | { type: "COPY_CODE"; example: string }
  | {
      type: "FLOW";
      text: string;
      flow_id?: string;
      flow_name?: string;
      flow_json?: string;
      flow_action?: "navigate" | "data_exchange";
      navigate_screen?: string;
    }
  | { type: "OTP"; otp_type: "COPY_CODE" | "ONE_TAP" | "ZERO_TAP"; [key: string]: unknown }
  | { type: "CATALOG"; text: string }
  | { type: "MPM"; text: string };

/** A component of a template definition (types upper case as Meta documents them; Graph also reads lower case). */
export type TemplateDefinitionComponent =
  | {
      type: "HEADER";
      format: "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION";
      text?: string;
      example?: Record<string, unknown>;
    }
  | { type: "BODY"; text?: string; example?: Record<string, unknown>; [key: string]: unknown }
  | { type: "FOOTER"; text?: string; [key: string]: unknown }
  | { type: "BUTTONS"; buttons: TemplateDefinitionButton[] }
  | { type: "CAROUSEL"; cards: Array<{ components: TemplateDefinitionComponent[] }> }
  | { type: "LIMITED_TIME_OFFER"; limited_time_offer: { text: string; has_expiration?: boolean } };

/** What `createTemplate` submits for review. */
export interface CreateTemplateInput {
  /** Lower-case letters, digits and underscores, at most 512 characters. */
  name: string;
  /** e.g. `fr` or `en_US`. */
  language: string;
  category: TemplateCategory;
  components: TemplateDefinitionComponent[];
  /** `named` for `{{first_name}}` variables; default positional `{{1}}`. */
  parameterFormat?: "positional" | "named";
  /** Let Meta move the template to the category it finds right instead of rejecting it. */
  allowCategoryChange?: boolean;
}

/** What `updateTemplate` can change. */
export interface UpdateTemplateInput {
  components?: TemplateDefinitionComponent[];
  category?: TemplateCategory;
  /** Time to live of messages sent with it, in seconds. */
  messageSendTtlSeconds?: number;
}

/** A template as listed. */
export interface TemplateInfo {
  id: string;
  name: string;
  language: string;
  /** `APPROVED`, `PENDING`, `REJECTED`, `PAUSED`, `DISABLED`… */
  status: string;
  category: string;
  /** `GREEN`, `YELLOW`, `RED` or `UNKNOWN`, when Meta has rated it. */
  qualityScore: string | undefined;
  rejectedReason: string | undefined;
  components: TemplateDefinitionComponent[];
}

/** Filters of `listTemplates`. */
export interface ListTemplatesOptions extends ListOptions {
  name?: string;
  status?: string;
  category?: TemplateCategory;
  language?: string;
}

const templateName = z.string().regex(/^[a-z0-9_]{1,512}$/, "lowercase letters, digits and underscores only");
const language = z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a language code such as fr or en_US");

// Graph reads component and button types in either case (Meta's own Flow
// template examples write "body"), so both are accepted and sent as given.
const anyCase = <const T extends string>(name: T) => z.literal([name, name.toLowerCase() as Lowercase<T>]);
const BUTTON_TYPES = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "FLOW", "OTP", "CATALOG", "MPM"] as const;

const button = z.looseObject({
  type: z.enum([
    ...BUTTON_TYPES,
    ...BUTTON_TYPES.map((t) => t.toLowerCase() as Lowercase<(typeof BUTTON_TYPES)[number]>),
  ]),
  text: z.string().min(1).max(25).optional(),
});

const component: z.ZodType<TemplateDefinitionComponent> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.looseObject({
      type: anyCase("HEADER"),
      format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]),
      text: z.string().min(1).max(60).optional(),
    }),
    z.looseObject({ type: anyCase("BODY"), text: z.string().min(1).max(1024).optional() }),
    z.looseObject({ type: anyCase("FOOTER"), text: z.string().min(1).max(60).optional() }),
    z.looseObject({ type: anyCase("BUTTONS"), buttons: z.array(button).min(1).max(10) }),
    z.looseObject({
      type: anyCase("CAROUSEL"),
      cards: z
        .array(z.looseObject({ components: z.array(component).min(1) }))
        .min(1)
        .max(10),
    }),
    z.looseObject({
      type: anyCase("LIMITED_TIME_OFFER"),
      limited_time_offer: z.looseObject({ text: z.string().min(1).max(16), has_expiration: z.boolean().optional() }),
    }),
  ]),
) as z.ZodType<TemplateDefinitionComponent>;

const createSchema = z.strictObject({
  name: templateName,
  language,
  category: z.enum(TEMPLATE_CATEGORIES),
  components: z.array(component).min(1),
  parameterFormat: z.enum(["positional", "named"]).optional(),
  allowCategoryChange: z.boolean().optional(),
});

const updateSchema = z
  .strictObject({
    components: z.array(component).min(1).optional(),
    category: z.enum(TEMPLATE_CATEGORIES).optional(),
    messageSendTtlSeconds: z.number().int().min(-1).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "give components, category or messageSendTtlSeconds");

const listFilters = z.looseObject({
  name: templateName.optional(),
  status: z
    .string()
    .regex(/^[A-Z_]+$/, "an upper-case status such as APPROVED")
    .optional(),
  category: z.enum(TEMPLATE_CATEGORIES).optional(),
  language: language.optional(),
});

function templateOf(raw: Record<string, unknown>): TemplateInfo {
  const str = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  return {
    id: String(raw.id ?? ""),
    name: str("name") ?? "",
    language: str("language") ?? "",
    status: str("status") ?? "",
    category: str("category") ?? "",
    qualityScore: (raw.quality_score as { score?: unknown } | undefined)?.score as string | undefined,
    rejectedReason: str("rejected_reason"),
    components: Array.isArray(raw.components) ? (raw.components as TemplateDefinitionComponent[]) : [],
  };
}

const FIELDS = "id,name,language,status,category,components,quality_score,rejected_reason";

export async function listTemplates(
  ctx: GraphContext,
  options: ListTemplatesOptions = {},
): Promise<GraphPage<TemplateInfo>> {
  const f = validate(listFilters, options, "options");
  const filters = { fields: FIELDS, name: f.name, status: f.status, category: f.category, language: f.language };
  return listEdge(ctx, "message_templates", filters, options, templateOf);
}

export async function createTemplate(
  ctx: GraphContext,
  input: CreateTemplateInput,
  options: CallOptions = {},
): Promise<{ id: string; status: string; category: string }> {
  const waba = businessAccount(ctx);
  const t = validate(createSchema, input, "template");
  const body = defined({
    name: t.name,
    language: t.language,
    category: t.category,
    components: t.components,
    parameter_format: t.parameterFormat,
    allow_category_change: t.allowCategoryChange,
  });
  // A repeated creation is refused by name (error 2388024), never duplicated: safe to retry.
  const res = await postJson<{ id?: unknown; status?: unknown; category?: unknown }>(
    ctx,
    `/${waba}/message_templates`,
    body,
    options,
    true,
  );
  return {
    id: createdId(res, "Template creation"),
    status: String(res.status ?? ""),
    category: String(res.category ?? t.category),
  };
}

export async function updateTemplate(
  ctx: GraphContext,
  templateId: string,
  input: UpdateTemplateInput,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  const id = nodeId(templateId, "templateId");
  const u = validate(updateSchema, input, "template");
  const body = defined({
    components: u.components,
    category: u.category,
    message_send_ttl_seconds: u.messageSendTtlSeconds,
  });
  return successOf(await postJson(ctx, `/${id}`, body, options, true));
}

/** Deletes every language of `name`, or only the one whose id is `id`. */
export async function deleteTemplate(
  ctx: GraphContext,
  target: { name: string; id?: string },
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  const waba = businessAccount(ctx);
  const name = validate(templateName, target?.name, "name");
  const hsmId = target.id === undefined ? undefined : nodeId(target.id, "id");
  return deleteNode(ctx, `/${waba}/message_templates${query({ name, hsm_id: hsmId })}`, options);
}
