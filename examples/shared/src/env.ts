import { z } from "zod";
import { ConfigError, type ConfigIssue } from "./config-error.ts";
import { logLevels } from "./logger.ts";

// zod building blocks for reading an app's environment. Every value is trimmed first (a stray
// space or newline pasted into a .env file is the commonest bad value), and every message names
// the variable and the rule, never the value, so a secret never reaches a log.

/** A required variable: present and not blank once trimmed. */
export const required = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`);

/** Makes a variable optional: unset and blank (only spaces) both read as `undefined`. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** A URL whose scheme is one of `protocols` (with the colon, e.g. `"https:"`), kept as the trimmed text. */
export const url = (name: string, protocols: readonly string[]) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .refine(
      (v) => URL.canParse(v) && protocols.includes(new URL(v).protocol),
      `${name} must be a ${protocols.join(" or ")} URL`,
    );

/**
 * A whole number from `min` (to `max` when given), counted in `unit` ("ms", "bytes", "messages per
 * second"), which the message names. Chain `.default(n)`, or wrap it in {@link optional}.
 */
export const integer = (name: string, { min, max, unit }: { min: number; max?: number; unit?: string }) => {
  const of = unit === undefined ? "" : ` ${unit}`;
  const range =
    max !== undefined
      ? `between ${min} and ${max}${of}`
      : min === 1 && unit !== undefined
        ? `a positive number of ${unit}`
        : `at least ${min}${of}`;
  const atLeast = z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be an integer`)
    .min(min, `${name} must be ${range}`);
  return max === undefined ? atLeast : atLeast.max(max, `${name} must be ${range}`);
};

/** A TCP port, 0 (any free port) to 65535, `fallback` when unset. */
export const port = (name: string, fallback: number) => integer(name, { min: 0, max: 65535 }).default(fallback);

/** A start-up node of a Redis Cluster. */
export interface ClusterNode {
  host: string;
  port: number;
}

/**
 * A list separated by commas (spaces around each item ignored, empty items dropped), each item read
 * by `item` — `undefined` refuses it — and at least one: the message says "`name` must be `what`
 * separated by commas".
 */
export const commaList = <T>(name: string, what: string, item: (text: string) => T | undefined) =>
  z
    .string()
    .trim()
    .transform((value, ctx): T[] => {
      const texts = value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      const items = texts.map((text) => item(text)).filter((read): read is T => read !== undefined);
      if (texts.length === 0 || items.length !== texts.length) {
        ctx.addIssue({ code: "custom", message: `${name} must be ${what} separated by commas` });
        return z.NEVER;
      }
      return items;
    });

const hostPort = /^(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(?<port>\d{1,5})$/;

/** `host:port` (an IPv6 host in brackets) as a node, or `undefined`. */
function clusterNode(text: string): ClusterNode | undefined {
  const match = hostPort.exec(text);
  const nodePort = Number(match?.groups?.port);
  if (!match?.groups?.host || !Number.isInteger(nodePort) || nodePort < 1 || nodePort > 65535) return undefined;
  return { host: match.groups.host.replace(/^\[|\]$/g, ""), port: nodePort };
}

/**
 * A list of `host:port` pairs separated by commas (spaces around them ignored, IPv6 hosts in
 * brackets), read as `{ host, port }` nodes — the form `REDIS_CLUSTER_NODES` takes.
 */
export const clusterNodes = (name: string) => commaList(name, "host:port pairs", clusterNode);

/** `LOG_LEVEL`: one of the logger's levels, `info` when unset. */
export const logLevel = () => z.enum(logLevels).default("info");

/**
 * Parses `env` with `schema`; on failure throws the error `toError` makes of the issues (a
 * {@link ConfigError} by default), one issue per variable at fault, the message without the value.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
  toError: (issues: ConfigIssue[]) => Error = (issues) => new ConfigError(issues),
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw toError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "environment");
      // Our messages start with the variable's name; the list already says it.
      return { variable, message: issue.message.replace(`${variable} `, "") };
    }),
  );
}
