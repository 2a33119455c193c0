import { z } from "zod";
import type { CallOptions } from "../client/transport.js";
import { defined } from "../messages/wire.js";
import { validate } from "../validation.js";
import { getFirst } from "./graph-calls.js";
import { type GraphContext, postJson, query, successOf } from "./graph-context.js";

/** Industries Meta lets a business profile declare (`vertical`). */
export const BUSINESS_VERTICALS = [
  "OTHER",
  "AUTO",
  "BEAUTY",
  "APPAREL",
  "EDU",
  "ENTERTAIN",
  "EVENT_PLAN",
  "FINANCE",
  "GROCERY",
  "GOVT",
  "HOTEL",
  "HEALTH",
  "NONPROFIT",
  "PROF_SERVICES",
  "RETAIL",
  "TRAVEL",
  "RESTAURANT",
  "ALCOHOL",
  "ONLINE_GAMBLING",
  "PHYSICAL_GAMBLING",
  "OTC_DRUGS",
] as const;

/** An industry of {@link BUSINESS_VERTICALS}. */
export type BusinessVertical = (typeof BUSINESS_VERTICALS)[number];

/** The public profile of a business number. */
export interface BusinessProfile {
  /** "About" text, 1–139 characters. */
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  /** At most two http(s) URLs. */
  websites?: string[];
  vertical?: BusinessVertical;
  /** Read only: the current picture. */
  profilePictureUrl?: string;
}

/** A change to the profile; `profilePictureHandle` comes from the Resumable Upload API. */
export type BusinessProfileUpdate = Omit<BusinessProfile, "profilePictureUrl"> & { profilePictureHandle?: string };

const websiteUrl = z
  .string()
  .max(256)
  .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), "an http(s) URL");

const updateSchema = z.strictObject({
  about: z.string().min(1).max(139).optional(),
  address: z.string().max(256).optional(),
  // 512 per Meta's business-profile reference (the v23.0 description says 256).
  description: z.string().max(512).optional(),
  email: z.email().max(128).optional(),
  websites: z.array(websiteUrl).max(2).optional(),
  vertical: z.enum(BUSINESS_VERTICALS).optional(),
  profilePictureHandle: z.string().min(1).optional(),
});

const FIELDS = "about,address,description,email,profile_picture_url,websites,vertical";

export async function getBusinessProfile(ctx: GraphContext, options: CallOptions = {}): Promise<BusinessProfile> {
  const path = `/${ctx.phoneNumberId}/whatsapp_business_profile${query({ fields: FIELDS })}`;
  const raw = (await getFirst(ctx, path, options)) ?? {};
  const str = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const profile: BusinessProfile = {};
  for (const [from, to] of [
    ["about", "about"],
    ["address", "address"],
    ["description", "description"],
    ["email", "email"],
    ["profile_picture_url", "profilePictureUrl"],
  ] as const) {
    const v = str(from);
    if (v !== undefined) profile[to] = v;
  }
  if (Array.isArray(raw.websites)) profile.websites = raw.websites.filter((w): w is string => typeof w === "string");
  const vertical = str("vertical");
  if (vertical !== undefined && (BUSINESS_VERTICALS as readonly string[]).includes(vertical)) {
    profile.vertical = vertical as BusinessVertical;
  }
  return profile;
}

export async function updateBusinessProfile(
  ctx: GraphContext,
  update: BusinessProfileUpdate,
  options: CallOptions = {},
): Promise<{ success: boolean }> {
  const u = validate(updateSchema, update, "profile");
  const body = defined({
    messaging_product: "whatsapp",
    about: u.about,
    address: u.address,
    description: u.description,
    email: u.email,
    websites: u.websites,
    vertical: u.vertical,
    profile_picture_handle: u.profilePictureHandle,
  });
  // Setting the same fields twice leaves the same profile.
  return successOf(await postJson(ctx, `/${ctx.phoneNumberId}/whatsapp_business_profile`, body, options, true));
}
