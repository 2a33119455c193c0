import { z } from "zod";

/** `waId` in a path: WhatsApp ids are digits. */
export const waIdSchema = z.string().regex(/^\d{6,20}$/, "must be a WhatsApp id (6 to 20 digits)");

const link = z.url({ protocol: /^https$/ }).max(2048);

/** The body of `POST …/{waId}/messages`: exactly one kind. */
export const messageBody = z.union([
  z.strictObject({ text: z.string().trim().min(1).max(4096) }),
  z.strictObject({ image: z.strictObject({ link, caption: z.string().max(1024).optional() }) }),
  z.strictObject({
    document: z.strictObject({
      link,
      filename: z.string().max(240).optional(),
      caption: z.string().max(1024).optional(),
    }),
  }),
  z.strictObject({
    template: z.strictObject({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) }),
  }),
  z.strictObject({ note: z.string().trim().min(1).max(4096) }),
]);

/** The body of `POST …/{waId}/contact`: a text to the case's driver or merchant. */
export const contactBody = z.strictObject({
  to: z.enum(["driver", "merchant"]),
  text: z.string().trim().min(1).max(4096),
});

/** The body of `POST …/{waId}/take`. */
export const takeBody = z.strictObject({ reassign: z.boolean().optional() }).optional();

/** The query of `GET /conversations`. */
export const listQuery = z.strictObject({ state: z.enum(["waiting", "mine", "all"]).default("all") });

/** Every route of the inbox API (under `/api/inbox`), as `openapi.yaml` documents them. */
export const INBOX_ROUTES = [
  { method: "GET", name: "list", pattern: /^\/conversations$/ },
  { method: "GET", name: "detail", pattern: /^\/conversations\/([^/]+)$/ },
  { method: "POST", name: "take", pattern: /^\/conversations\/([^/]+)\/take$/ },
  { method: "POST", name: "message", pattern: /^\/conversations\/([^/]+)\/messages$/ },
  { method: "POST", name: "contact", pattern: /^\/conversations\/([^/]+)\/contact$/ },
  { method: "POST", name: "release", pattern: /^\/conversations\/([^/]+)\/release$/ },
  { method: "POST", name: "request", pattern: /^\/conversations\/([^/]+)\/request$/ },
  { method: "GET", name: "events", pattern: /^\/events$/ },
  { method: "GET", name: "figures", pattern: /^\/figures$/ },
  { method: "GET", name: "canned", pattern: /^\/canned$/ },
] as const;

/** A route's name. */
export type InboxRouteName = (typeof INBOX_ROUTES)[number]["name"];
