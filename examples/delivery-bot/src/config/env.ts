import {
  ConfigError,
  clusterNodes,
  GRAPH_API_BASE_URL,
  logLevel,
  optional,
  parseEnv,
  port,
  required,
  url,
  whatsappVariables,
} from "@toktok-example/shared";
import { z } from "zod";
import { cloudVariables } from "./cloud-env.ts";
import { checkOperatorVariables, operatorVariables } from "./operator-env.ts";
import { checkPaymentVariables, paymentVariables } from "./payments-env.ts";

export { ConfigError, GRAPH_API_BASE_URL };

const schema = z.object({
  PORT: port("PORT", 3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  ...whatsappVariables,
  WHATSAPP_APP_SECRET: required("WHATSAPP_APP_SECRET"),
  WHATSAPP_VERIFY_TOKEN: required("WHATSAPP_VERIFY_TOKEN"),
  WHATSAPP_THROUGHPUT: z.coerce
    .number({ error: "WHATSAPP_THROUGHPUT must be a number" })
    .int("WHATSAPP_THROUGHPUT must be an integer")
    .min(1, "WHATSAPP_THROUGHPUT must be between 1 and 1000 messages per second")
    .max(1000, "WHATSAPP_THROUGHPUT must be between 1 and 1000 messages per second")
    .default(80),
  WHATSAPP_TIMEOUT_MS: optional(
    z.coerce
      .number({ error: "WHATSAPP_TIMEOUT_MS must be a number" })
      .int("WHATSAPP_TIMEOUT_MS must be an integer")
      .positive("WHATSAPP_TIMEOUT_MS must be a positive number of milliseconds"),
  ),
  DELIVERY_TAKEOVER_MS: optional(
    z.coerce
      .number({ error: "DELIVERY_TAKEOVER_MS must be a number" })
      .int("DELIVERY_TAKEOVER_MS must be an integer")
      .min(1_000, "DELIVERY_TAKEOVER_MS must be at least 1000 ms")
      .max(600_000, "DELIVERY_TAKEOVER_MS must be at most 600000 ms"),
  ),
  REDIS_URL: optional(url("REDIS_URL", ["redis:", "rediss:"])),
  // A Redis Cluster instead of one server: `host:port,host:port` (a few of its masters; the rest is
  // discovered). REDIS_URL may be set too: its user name, password and TLS then apply to every node.
  REDIS_CLUSTER_NODES: optional(clusterNodes("REDIS_CLUSTER_NODES")),
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
  VOICE_MAX_BYTES: optional(
    z.coerce
      .number({ error: "VOICE_MAX_BYTES must be a number" })
      .int("VOICE_MAX_BYTES must be an integer")
      .positive("VOICE_MAX_BYTES must be a positive number of bytes"),
  ),
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
    }),
    env,
  );
}
