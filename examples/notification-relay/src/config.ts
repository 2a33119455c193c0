import { LOCALES } from "@toktok/flows";
import {
  ConfigError,
  type ConfigIssue,
  clusterNodes,
  logLevel,
  optional,
  parseEnv,
  port,
  required,
  url,
  whatsappVariables,
} from "@toktok-example/shared";
import { z } from "zod";

const schema = z.object({
  PORT: port("PORT", 3100),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  RELAY_SECRET: required("RELAY_SECRET").pipe(z.string().min(16, "RELAY_SECRET must be at least 16 characters")),
  ...whatsappVariables,
  REDIS_URL: optional(url("REDIS_URL", ["redis:", "rediss:"])),
  /** A Redis Cluster instead of one server: `host:port,host:port`; REDIS_URL then lends credentials and TLS. */
  REDIS_CLUSTER_NODES: optional(clusterNodes("REDIS_CLUSTER_NODES")),
  /** The language of the notifications: one of the catalogues @toktok/flows ships. */
  NOTIFY_LOCALE: z.enum(LOCALES).default("fr"),
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
  LOG_LEVEL: logLevel(),
});

/** The relay's validated configuration. */
export type RelayConfig = z.infer<typeof schema>;

/** Thrown at start on a bad environment; names each variable, never a value. */
export class RelayConfigError extends ConfigError {
  override readonly name: string = "RelayConfigError";
}

/** Reads and validates the relay's configuration (default `process.env`); throws {@link RelayConfigError}. */
export function loadRelayConfig(env: Record<string, string | undefined> = process.env): RelayConfig {
  return parseEnv(schema, env, (issues: ConfigIssue[]) => new RelayConfigError(issues));
}
