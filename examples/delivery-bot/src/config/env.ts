import {
  ConfigError,
  GRAPH_API_BASE_URL,
  integer,
  listenVariables,
  logLevel,
  optional,
  parseEnv,
  redisVariables,
  required,
  url,
  whatsappVariables,
} from "@toktok-example/shared";
import { z } from "zod";
import { checkCloudVariables, cloudVariables } from "./cloud-env.ts";
import { checkOperatorVariables, operatorVariables } from "./operator-env.ts";
import { checkPaymentVariables, paymentVariables } from "./payments-env.ts";

export { ConfigError, GRAPH_API_BASE_URL };

const schema = z.object({
  ...listenVariables(3000),
  ...whatsappVariables,
  WHATSAPP_APP_SECRET: required("WHATSAPP_APP_SECRET"),
  WHATSAPP_VERIFY_TOKEN: required("WHATSAPP_VERIFY_TOKEN"),
  WHATSAPP_THROUGHPUT: integer("WHATSAPP_THROUGHPUT", { min: 1, max: 1000, unit: "messages per second" }).default(80),
  WHATSAPP_TIMEOUT_MS: optional(integer("WHATSAPP_TIMEOUT_MS", { min: 1, unit: "milliseconds" })),
  DELIVERY_TAKEOVER_MS: optional(integer("DELIVERY_TAKEOVER_MS", { min: 1_000, max: 600_000, unit: "ms" })),
  ...redisVariables,
  DATABASE_URL: optional(url("DATABASE_URL", ["postgres:", "postgresql:"])),
  ANALYTICS_SCHEMA: optional(
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "ANALYTICS_SCHEMA must be a lower-case SQL identifier"),
  ),
  BACKEND_URL: optional(url("BACKEND_URL", ["http:", "https:"])),
  BACKEND_API_KEY: optional(z.string().trim().min(1)),
  OPENAI_API_KEY: optional(z.string().trim().min(1)),
  OPENAI_BASE_URL: optional(url("OPENAI_BASE_URL", ["http:", "https:"])),
  OPENAI_MODEL: optional(z.string().trim().min(1)),
  // Voice notes are transcribed on the same server and key (OPENAI_BASE_URL / OPENAI_API_KEY).
  OPENAI_TRANSCRIBE_MODEL: optional(z.string().trim().min(1)),
  VOICE_MAX_BYTES: optional(integer("VOICE_MAX_BYTES", { min: 1, unit: "bytes" })),
  LOG_LEVEL: logLevel(),
  // E-mailed reports and pushed alerts (issue 19): see operator-env.ts.
  ...operatorVariables,
  // Users the bot ignores (issue 17): see cloud-env.ts.
  ...cloudVariables,
  // MTN MoMo and Airtel Money (issue 21): see payments-env.ts.
  ...paymentVariables,
});

/** The bot's validated configuration. */
export type BotConfig = z.infer<typeof schema>;

/** Reads and validates the configuration from an environment (default `process.env`); throws {@link ConfigError}. */
export function loadConfig(env: Record<string, string | undefined> = process.env): BotConfig {
  return parseEnv(
    schema.superRefine((config, ctx) => {
      checkOperatorVariables(config, ctx);
      checkPaymentVariables(config, ctx);
      checkCloudVariables(config, ctx);
    }),
    env,
  );
}
