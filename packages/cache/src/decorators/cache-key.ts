import { CacheValidationError } from "../errors.js";

// Plain objects are re-created with sorted keys so that { a, b } and { b, a } make the same key.
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Map) return { "#map": [...value.entries()] };
  if (value instanceof Set) return { "#set": [...value.values()] };
  if (
    value &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
    return sorted;
  }
  if (typeof value === "function" || typeof value === "symbol") {
    throw new CacheValidationError("key", "arguments include a function or symbol; pass a `key` function");
  }
  return value;
}

/** Default cache key of a call: its arguments as JSON (object keys sorted); `""` for no arguments. */
export function argsKey(args: readonly unknown[]): string {
  if (args.length === 0) return "";
  if (args.length === 1) {
    const only = args[0];
    if (typeof only === "string") return `s:${only}`;
    if (typeof only === "number") return `n:${only}`;
  }
  return JSON.stringify(args, replacer);
}
