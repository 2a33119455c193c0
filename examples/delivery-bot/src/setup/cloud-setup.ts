// What a WhatsApp number needs once before the bot uses it (issue 17): its ice breakers and `/` commands,
// the courier and merchant Flows published, the Flows public key, and a QR code per shop. Every step
// reads what is there first, so running it again changes nothing that is already right.
import { type CourierFormMode, courierFormJson, merchantFormJson } from "@toktok/flows";
import type { FlowInfo, WhatsAppClient } from "@toktok/whatsapp-client";

/** The client calls the setup makes (`WhatsAppClient` fits, with `businessAccountId` set). */
export type SetupApi = Pick<
  WhatsAppClient,
  | "setConversationalAutomation"
  | "listFlows"
  | "createFlow"
  | "updateFlowJson"
  | "publishFlow"
  | "setBusinessPublicKey"
  | "listQrCodes"
  | "createQrCode"
>;

/** Ice breakers (at most 3 of 80 characters) and commands shown in an empty chat with the number. */
export const AUTOMATION = {
  enableWelcomeMessage: true,
  prompts: ["Je veux commander dans une boutique", "Je veux envoyer un colis", "Je veux inscrire mon commerce"],
  commands: [
    { name: "commande", description: "Commander dans une boutique" },
    { name: "livreur", description: "Demander un livreur pour un colis" },
  ],
} as const;

/** Names of the bot's Flows on the business account: found again by name on the next run. */
export const FLOW_NAMES = { courier: "toktok_demande_livreur", merchant: "toktok_inscription_commerce" } as const;

/** The text a shop's QR code opens the chat with; the marketplace opens that shop on it. */
export const shopCodeText = (shopId: string): string => `COMMANDE ${shopId}`;

/** Options of {@link cloudSetup}. */
export interface CloudSetupOptions {
  api: SetupApi;
  /** Shops that get a QR code (ids as the backend knows them). */
  shops: readonly string[];
  /** How the courier form opens (the bot's `WHATSAPP_FLOW_COURIER_MODE`). Default `navigate`. */
  courierMode?: CourierFormMode;
  /** `https://…/flows/endpoint` of the bot, for the `data_exchange` courier form. */
  endpointUri?: string;
  /** PEM public key of the Flows key pair, registered on the number when given. */
  publicKey?: string;
  /** One line per step done or found (default: nothing). */
  log?: (line: string) => void;
}

/** What the setup left in place. */
export interface CloudSetupResult {
  flows: Record<keyof typeof FLOW_NAMES, { id: string; status: "created" | "published" | "already published" }>;
  qrCodes: Array<{ shop: string; code: string; link: string; image?: string; created: boolean }>;
  publicKey: boolean;
  /** The lines to add to the bot's environment. */
  env: string[];
}

/** Thrown when Meta finds problems in a Flow JSON: the Flow stays a draft, named with its errors. */
export class FlowNotPublishedError extends Error {
  override readonly name = "FlowNotPublishedError";
  /** The Flow's name and Meta's messages. */
  readonly flow: string;
  readonly problems: string[];

  constructor(flow: string, problems: string[]) {
    super(`${flow}: Meta refused the Flow JSON (${problems.join("; ")}); it stays a draft`);
    this.flow = flow;
    this.problems = problems;
  }
}

/** Every Flow of the account (all pages). */
async function allFlows(api: SetupApi): Promise<FlowInfo[]> {
  const flows: FlowInfo[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const { data, after: next } = await api.listFlows({ limit: 100, ...(after ? { after } : {}) });
    flows.push(...data);
    if (next === undefined || next === after) break;
    after = next;
  }
  return flows;
}

/**
 * Publishes one Flow: found by name and published → kept (a published Flow cannot change; deprecate it and
 * run again to replace it); found as a draft → its JSON uploaded again, then published; absent → created, published.
 */
async function ensureFlow(
  api: SetupApi,
  existing: FlowInfo[],
  flow: { name: string; categories: Array<"SIGN_UP" | "OTHER">; json: ReturnType<typeof courierFormJson> },
  endpointUri: string | undefined,
): Promise<{ id: string; status: "created" | "published" | "already published" }> {
  const found = existing.find((f) => f.name === flow.name && f.status !== "DEPRECATED");
  if (found?.status === "PUBLISHED") return { id: found.id, status: "already published" };
  let id = found?.id;
  let problems: string[];
  if (id) {
    problems = (await api.updateFlowJson(id, flow.json)).validationErrors.map((e) => e.message);
  } else {
    const created = await api.createFlow({
      name: flow.name,
      categories: flow.categories,
      flowJson: flow.json,
      ...(endpointUri ? { endpointUri } : {}),
    });
    id = created.id;
    problems = created.validationErrors.map((e) => e.message);
  }
  if (problems.length > 0) throw new FlowNotPublishedError(flow.name, problems);
  await api.publishFlow(id);
  return { id, status: found ? "published" : "created" };
}

/** Runs every step; safe to run again. */
export async function cloudSetup(options: CloudSetupOptions): Promise<CloudSetupResult> {
  const { api } = options;
  const log = options.log ?? (() => {});
  const mode = options.courierMode ?? "navigate";
  if (mode === "data_exchange" && !options.endpointUri) {
    throw new Error("endpointUri: required for the data_exchange courier form (the bot's https://…/flows/endpoint)");
  }

  // The call replaces the whole configuration: running it again sets the same.
  await api.setConversationalAutomation({
    enableWelcomeMessage: AUTOMATION.enableWelcomeMessage,
    prompts: [...AUTOMATION.prompts],
    commands: AUTOMATION.commands.map((c) => ({ ...c })),
  });
  log(`ice breakers and commands set: ${AUTOMATION.commands.map((c) => `/${c.name}`).join(", ")}`);

  // The key first: a data_exchange Flow published before its key is registered would fail its health check.
  if (options.publicKey) {
    await api.setBusinessPublicKey(options.publicKey);
    log("Flows public key registered on the number");
  }

  const existing = await allFlows(api);
  const courier = await ensureFlow(
    api,
    existing,
    { name: FLOW_NAMES.courier, categories: ["OTHER"], json: courierFormJson("fr", mode) },
    mode === "data_exchange" ? options.endpointUri : undefined,
  );
  log(`courier Flow ${courier.id}: ${courier.status}`);
  const merchant = await ensureFlow(
    api,
    existing,
    { name: FLOW_NAMES.merchant, categories: ["SIGN_UP"], json: merchantFormJson("fr") },
    undefined,
  );
  log(`merchant Flow ${merchant.id}: ${merchant.status}`);

  const known = (await api.listQrCodes({ imageFormat: "PNG", limit: 100 })).data;
  const qrCodes: CloudSetupResult["qrCodes"] = [];
  for (const shop of options.shops) {
    const text = shopCodeText(shop);
    const found = known.find((qr) => qr.prefilledMessage === text);
    const qr = found ?? (await api.createQrCode(text, { imageFormat: "PNG" }));
    qrCodes.push({
      shop,
      code: qr.code,
      link: qr.deepLinkUrl,
      ...(qr.qrImageUrl ? { image: qr.qrImageUrl } : {}),
      created: !found,
    });
    log(
      `${text}: ${qr.deepLinkUrl}${qr.qrImageUrl ? ` (PNG ${qr.qrImageUrl})` : ""}${found ? " (already there)" : ""}`,
    );
  }

  return {
    flows: { courier, merchant },
    qrCodes,
    publicKey: !!options.publicKey,
    env: [
      `WHATSAPP_FLOW_COURIER_ID=${courier.id}`,
      `WHATSAPP_FLOW_COURIER_MODE=${mode}`,
      `WHATSAPP_FLOW_MERCHANT_ID=${merchant.id}`,
    ],
  };
}
