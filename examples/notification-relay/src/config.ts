import { z } from "zod";

const required = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
const url = (name: string, protocols: readonly string[]) =>
  z
    .string()
    .refine(
      (v) => URL.canParse(v) && protocols.includes(new URL(v).protocol),
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

const schema = z.object({
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be an integer")
    .min(0, "PORT must be between 0 and 65535")
    .max(65535, "PORT must be between 0 and 65535")
    .default(3100),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  RELAY_SECRET: required("RELAY_SECRET").pipe(z.string().min(16, "RELAY_SECRET must be at least 16 characters")),
  WHATSAPP_TOKEN: required("WHATSAPP_TOKEN"),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string({ error: "WHATSAPP_PHONE_NUMBER_ID is required" })
    .regex(/^\d+$/, "WHATSAPP_PHONE_NUMBER_ID must be the numeric id of the business phone number"),
  WHATSAPP_API_BASE_URL: url("WHATSAPP_API_BASE_URL", ["http:", "https:"]).default("https://graph.facebook.com"),
  WHATSAPP_API_VERSION: optional(z.string().regex(/^v\d+\.\d+$/, "WHATSAPP_API_VERSION must look like v23.0")),
  REDIS_URL: optional(url("REDIS_URL", ["redis:", "rediss:"])),
  /** A Redis Cluster instead of one server: `host:port,host:port`; REDIS_URL then lends credentials and TLS. */
  REDIS_CLUSTER_NODES: optional(clusterNodes("REDIS_CLUSTER_NODES")),
  NOTIFY_LOCALE: z.enum(["fr", "en"]).default("fr"),
  /** How long an eventId is remembered. */
  IDEMPOTENCY_TTL_MS: z.coerce
    .number()
    .int()
    .min(60_000, "IDEMPOTENCY_TTL_MS must be at least 60000")
    .default(86_400_000),
  /** Processing lease of an event: a crashed relay's claim frees itself after this long. Renewed while sending. */
  RELAY_LEASE_MS: z.coerce
    .number({ error: "RELAY_LEASE_MS must be a number" })
    .int("RELAY_LEASE_MS must be an integer")
    .min(100, "RELAY_LEASE_MS must be between 100 and 60000")
    .max(60_000, "RELAY_LEASE_MS must be between 100 and 60000")
    .default(15_000),
  /** Largest accepted clock difference between the backend and the relay. */
  SIGNATURE_TOLERANCE_S: z.coerce.number().int().min(1).max(3600).default(300),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

/** The relay's validated configuration. */
export type RelayConfig = z.infer<typeof schema>;

/** Thrown at start on a bad environment; names each variable, never a value. */
export class RelayConfigError extends Error {
  override readonly name = "RelayConfigError";
  readonly variables: string[];
  constructor(issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join("\n")}`);
    this.variables = issues.map((i) => i.variable);
  }
}

/** Reads and validates the relay's configuration (default `process.env`). */
export function loadRelayConfig(env: Record<string, string | undefined> = process.env): RelayConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new RelayConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "environment");
      return { variable, message: issue.message.replace(`${variable} `, "") };
    }),
  );
}
