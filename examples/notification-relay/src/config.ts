import { LOCALES } from "@toktok/flows";
import {
  ConfigError,
  type ConfigIssue,
  integer,
  listenVariables,
  logLevel,
  parseEnv,
  redisVariables,
  required,
  whatsappVariables,
} from "@toktok-example/shared";
import { z } from "zod";

const schema = z.object({
  ...listenVariables(3100),
  RELAY_SECRET: required("RELAY_SECRET").pipe(z.string().min(16, "RELAY_SECRET must be at least 16 characters")),
  ...whatsappVariables,
  ...redisVariables,
  /** The language of the notifications: one of the catalogues @toktok/flows ships. */
  NOTIFY_LOCALE: z.enum(LOCALES).default("fr"),
  /** How long an eventId is remembered. */
  IDEMPOTENCY_TTL_MS: integer("IDEMPOTENCY_TTL_MS", { min: 60_000, unit: "ms" }).default(86_400_000),
  /** Processing lease of an event: a crashed relay's claim frees itself after this long. Renewed while sending. */
  RELAY_LEASE_MS: integer("RELAY_LEASE_MS", { min: 100, max: 60_000, unit: "ms" }).default(15_000),
  /** Largest accepted clock difference between the backend and the relay. */
  SIGNATURE_TOLERANCE_S: integer("SIGNATURE_TOLERANCE_S", { min: 1, max: 3600, unit: "s" }).default(300),
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
