import { WebhookError } from "../errors.js";
import type { WebhookErrorDetail } from "./event-base.js";

/** A JSON object. */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function malformed(path: string, what: string): never {
  throw new WebhookError("WHATSAPP_INVALID_PAYLOAD", `Malformed webhook payload: ${what}`, path);
}

export function reqStr(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return malformed(`${path}.${key}`, "expected a string");
}

export function optStr(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;
}

export function reqObj(o: Obj, key: string, path: string): Obj {
  const v = o[key];
  return isObj(v) ? v : malformed(`${path}.${key}`, "expected an object");
}

export function optArr(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : malformed(`${path}.${key}`, "expected an array");
}

export function reqNum(o: Obj, key: string, path: string): number {
  return optNum(o, key) ?? malformed(`${path}.${key}`, "expected a number");
}

/** WhatsApp timestamps are Unix seconds as strings. */
export function reqTime(o: Obj, key: string, path: string): Date {
  return new Date(reqNum(o, key, path) * 1000);
}

/** Copies the given keys, turning snake_case into camelCase, skipping what is not a string. */
export function pickStrings(o: Obj, keys: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const from in keys) {
    const v = optStr(o, from);
    if (v !== undefined) out[keys[from] as string] = v;
  }
  return out;
}

/** Error objects are read leniently: an odd error entry must not hide the event it belongs to. */
export function readErrors(list: unknown[]): WebhookErrorDetail[] {
  const out: WebhookErrorDetail[] = [];
  for (const item of list) {
    if (!isObj(item)) continue;
    const code = typeof item.code === "number" ? item.code : Number(item.code);
    const detail: WebhookErrorDetail = { code: Number.isFinite(code) ? code : 0, title: optStr(item, "title") ?? "" };
    const message = optStr(item, "message");
    if (message !== undefined) detail.message = message;
    const data = item.error_data;
    const details = isObj(data) ? optStr(data, "details") : undefined;
    if (details !== undefined) detail.details = details;
    const href = optStr(item, "href");
    if (href !== undefined) detail.href = href;
    out.push(detail);
  }
  return out;
}

export function optNum(o: Obj, key: string): number | undefined {
  const v = o[key];
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A time given as Unix seconds (number or digits) or as an ISO date; `undefined` when absent or unreadable. */
export function optTime(o: Obj, key: string): Date | undefined {
  const seconds = optNum(o, key);
  if (seconds !== undefined) return new Date(seconds * 1000);
  const v = o[key];
  if (typeof v !== "string") return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The object at `key`, or an empty one: for optional detail objects. */
export function objOrEmpty(o: Obj, key: string): Obj {
  const v = o[key];
  return isObj(v) ? v : {};
}
