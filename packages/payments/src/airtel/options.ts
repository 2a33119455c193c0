import type { Dispatcher } from "undici";
import { z } from "zod";
import { httpUrl, sharedOptionsSchema } from "../core/shared-options.js";
import type { PaymentsLogger } from "../logger.js";
import { validate } from "../validate.js";

/** Airtel Africa's staging (UAT) host. */
export const AIRTEL_STAGING_URL = "https://openapiuat.airtel.africa";
/** Airtel Africa's production host. */
export const AIRTEL_PRODUCTION_URL = "https://openapi.airtel.africa";

/** Options of {@link AirtelMoneyCollection}. */
export interface AirtelMoneyCollectionOptions {
  /** API origin. Default: the production host; the staging host is {@link AIRTEL_STAGING_URL}. */
  baseUrl?: string;
  /** The application's client id (the developer portal's "consumer key"). */
  clientId: string;
  /** The application's client secret. Never logged. */
  clientSecret: string;
  /** `X-Country`, ISO 3166 alpha-2: `"CG"` for Congo-Brazzaville. */
  country: string;
  /** `X-Currency`, ISO 4217: `"XAF"` in Congo. */
  currency: string;
  /**
   * The secret Airtel signs callbacks with, when callback authentication is enabled for the application:
   * a callback whose `hash` does not match is ignored. Callbacks only ever trigger a status query.
   */
  callbackSecret?: string;
  /** Time limit of one exchange, in ms. Default 30000. */
  timeoutMs?: number;
  /** Renew the token this long before its announced expiry (at most half its lifetime). Default 60000. */
  tokenRefreshMarginMs?: number;
  /** An undici dispatcher; defaults to a keep-alive Agent owned by the client. */
  dispatcher?: Dispatcher;
  /** Receives warnings; silent by default. */
  logger?: PaymentsLogger;
  /** Epoch ms, read to renew the token before its expiry; for tests. Default `Date.now`. */
  now?: () => number;
}

const schema = z.strictObject({
  baseUrl: httpUrl.default(AIRTEL_PRODUCTION_URL),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166 alpha-2 code such as CG"),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as XAF"),
  callbackSecret: z.string().min(1).optional(),
  ...sharedOptionsSchema,
});

/** Validated options with every default filled in. */
export type ResolvedAirtelOptions = z.output<typeof schema>;

/** Validates the options (errors name the field as `options.<field>`) and fills in the defaults. */
export function resolveAirtelOptions(options: AirtelMoneyCollectionOptions): ResolvedAirtelOptions {
  const parsed = validate(schema, options, "options");
  return { ...parsed, baseUrl: parsed.baseUrl.replace(/\/+$/, "") };
}
