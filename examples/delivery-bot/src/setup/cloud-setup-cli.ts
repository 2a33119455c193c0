// `pnpm --filter @toktok-example/delivery-bot cloud:setup [--shop <id>]… [--courier-mode data_exchange --endpoint https://…/flows/endpoint]`
// With the bot's environment (WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_BUSINESS_ACCOUNT_ID…): sets the
// number's ice breakers and commands, publishes the courier and merchant Flows, registers the Flows public key
// (derived from WHATSAPP_FLOW_PRIVATE_KEY when set) and makes a QR code per shop (every shop of the backend
// without --shop). Progress goes to stderr; the environment lines to set go to stdout. Safe to run again.
import { createPublicKey } from "node:crypto";
import { parseArgs } from "node:util";
import { HttpBackend, MemoryBackend, type TokTokBackend } from "@toktok/flows";
import { WhatsAppClient } from "@toktok/whatsapp-client";
import { ConfigError } from "@toktok-example/shared";
import { loadConfig } from "../config/env.ts";
import { cloudSetup } from "./cloud-setup.ts";

/** Every shop of the backend: each merchant of each category. */
async function allShops(backend: TokTokBackend): Promise<string[]> {
  const shops: string[] = [];
  for (const category of await backend.catalogue.categories()) {
    for (const merchant of await backend.catalogue.merchants(category.id)) shops.push(merchant.id);
  }
  return [...new Set(shops)];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shop: { type: "string", multiple: true },
      endpoint: { type: "string" },
      // The mode to publish, before WHATSAPP_FLOW_COURIER_ID exists (the bot's data_exchange mode requires it).
      "courier-mode": { type: "string" },
    },
    strict: true,
  });
  const config = loadConfig();
  const courierMode = values["courier-mode"] ?? config.WHATSAPP_FLOW_COURIER_MODE;
  if (courierMode !== "navigate" && courierMode !== "data_exchange") {
    throw new ConfigError([{ variable: "--courier-mode", message: "must be navigate or data_exchange" }]);
  }
  if (!config.WHATSAPP_BUSINESS_ACCOUNT_ID) {
    throw new ConfigError([
      { variable: "WHATSAPP_BUSINESS_ACCOUNT_ID", message: "is required by cloud:setup (Flows live on the account)" },
    ]);
  }
  const client = new WhatsAppClient({
    accessToken: config.WHATSAPP_TOKEN,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    businessAccountId: config.WHATSAPP_BUSINESS_ACCOUNT_ID,
    baseUrl: config.WHATSAPP_API_BASE_URL,
    ...(config.WHATSAPP_API_VERSION ? { apiVersion: config.WHATSAPP_API_VERSION } : {}),
  });
  const backend = config.BACKEND_URL
    ? new HttpBackend({
        baseUrl: config.BACKEND_URL,
        ...(config.BACKEND_API_KEY ? { apiKey: config.BACKEND_API_KEY } : {}),
      })
    : new MemoryBackend();
  // The public half of the endpoint's key: the private key never leaves this process.
  const publicKey = config.WHATSAPP_FLOW_PRIVATE_KEY
    ? createPublicKey({
        key: config.WHATSAPP_FLOW_PRIVATE_KEY,
        ...(config.WHATSAPP_FLOW_PRIVATE_KEY_PASSPHRASE
          ? { passphrase: config.WHATSAPP_FLOW_PRIVATE_KEY_PASSPHRASE }
          : {}),
      })
        .export({ type: "spki", format: "pem" })
        .toString()
    : undefined;
  try {
    const result = await cloudSetup({
      api: client,
      shops: values.shop?.length ? values.shop : await allShops(backend),
      courierMode,
      ...(values.endpoint ? { endpointUri: values.endpoint } : {}),
      ...(publicKey ? { publicKey } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${result.env.join("\n")}\n`);
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  // A ConfigError names variables, never values; anything else is the Graph API's answer.
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `cloud:setup failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
});
