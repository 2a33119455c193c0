import { z } from "zod";

/** The Graph API host the bot talks to unless `WHATSAPP_API_BASE_URL` says otherwise. */
export const GRAPH_API_BASE_URL = "https://graph.facebook.com";

const secret = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`);
const url = (name: string, protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `${name} must be a ${protocols.join(" or ")} URL`,
    );
const hostPort = /^(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(?<port>\d{1,5})$/;
const clusterNodes = (name: string) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const nodes: Array<{ host: string; port: number }> = [];
      for (const item of value.split(",").map((s) => s.trim())) {
        const match = hostPort.exec(item);
        const port = Number(match?.groups?.port);
        if (!match?.groups?.host || !Number.isInteger(port) || port < 1 || port > 65535) {
          ctx.addIssue({ code: "custom", message: `${name} must be host:port pairs separated by commas` });
          return z.NEVER;
        }
        nodes.push({ host: match.groups.host.replace(/^\[|\]$/g, ""), port });
      }
      return nodes;
    });
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const schema = z.object({
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be an integer")
    .min(0, "PORT must be between 0 and 65535")
    .max(65535, "PORT must be between 0 and 65535")
    .default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  WHATSAPP_TOKEN: secret("WHATSAPP_TOKEN"),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string({ error: "WHATSAPP_PHONE_NUMBER_ID is required" })
    .trim()
    .regex(/^\d+$/, "WHATSAPP_PHONE_NUMBER_ID must be the numeric id of the business phone number"),
  WHATSAPP_APP_SECRET: secret("WHATSAPP_APP_SECRET"),
  WHATSAPP_VERIFY_TOKEN: secret("WHATSAPP_VERIFY_TOKEN"),
  WHATSAPP_API_BASE_URL: url("WHATSAPP_API_BASE_URL", ["http:", "https:"]).default(GRAPH_API_BASE_URL),
  WHATSAPP_API_VERSION: optional(z.string().regex(/^v\d+\.\d+$/, "WHATSAPP_API_VERSION must look like v23.0")),
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
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

/** The bot's validated configuration. */
export type BotConfig = z.infer<typeof schema>;

/** Thrown when the environment is not a valid configuration; the message names each bad variable, never a value. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  /** The variables at fault, e.g. `["WHATSAPP_TOKEN", "PORT"]`. */
  readonly variables: string[];
  constructor(issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join("\n")}`);
    this.variables = issues.map((i) => i.variable);
  }
}

/** Reads and validates the configuration from an environment (default `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): BotConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "environment");
      // zod's default texts may quote the received value: keep only our own messages for secrets.
      const message = issue.message.includes(variable) ? issue.message.replace(`${variable} `, "") : issue.message;
      return { variable, message };
    }),
  );
}
