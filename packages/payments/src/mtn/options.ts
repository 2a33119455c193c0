import type { Dispatcher } from "undici";
import { z } from "zod";
import { httpUrl, sharedOptionsSchema } from "../core/shared-options.js";
import type { PaymentsLogger } from "../logger.js";
import { validate } from "../validate.js";

/** MTN's sandbox host (developer portal keys, `X-Target-Environment: sandbox`, EUR only). */
export const MTN_SANDBOX_URL = "https://sandbox.momodeveloper.mtn.com";
/** MTN's production gateway (keys from the partner portal, `X-Target-Environment: mtncongo`, XAF). */
export const MTN_PRODUCTION_URL = "https://proxy.momoapi.mtn.com";

/** Options of {@link MtnMomoCollection}. */
export interface MtnMomoCollectionOptions {
  /** API origin; defaults to the sandbox host when `targetEnvironment` is `"sandbox"`, to the production gateway otherwise. */
  baseUrl?: string;
  /** The Collection product's primary key (`Ocp-Apim-Subscription-Key`). Never logged. */
  subscriptionKey: string;
  /** The API user id (a UUID) provisioned for this subscription key. */
  apiUser: string;
  /** The API key of `apiUser`. Never logged. */
  apiKey: string;
  /** `X-Target-Environment`: `"sandbox"`, or `"mtncongo"` in production in Congo. */
  targetEnvironment: string;
  /** Default currency: `EUR` in the sandbox (the only one it takes), `XAF` otherwise. */
  currency?: string;
  /**
   * `X-Callback-Url`; its host must be the callback host registered for the API user. The payment id is
   * added as the `referenceId` query parameter, since MTN's callback body does not always carry it.
   */
  callbackUrl?: string;
  /** Time limit of one exchange, in ms. Default 30000. */
  timeoutMs?: number;
  /** Renew the token this long before its announced expiry (MTN: 3600 s). Default 60000. */
  tokenRefreshMarginMs?: number;
  /** An undici dispatcher; defaults to a keep-alive Agent owned by the client. */
  dispatcher?: Dispatcher;
  /** Receives warnings; silent by default. */
  logger?: PaymentsLogger;
  /** Epoch ms, read to renew the token before its expiry; for tests. Default `Date.now`. */
  now?: () => number;
}

const schema = z.strictObject({
  baseUrl: httpUrl.optional(),
  subscriptionKey: z.string().min(1),
  apiUser: z.string().min(1),
  apiKey: z.string().min(1),
  targetEnvironment: z.string().regex(/^[a-z0-9]+$/, "e.g. sandbox or mtncongo"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as XAF")
    .optional(),
  callbackUrl: httpUrl.optional(),
  ...sharedOptionsSchema,
});

/** Validated options with every default filled in. */
export type ResolvedMtnOptions = z.output<typeof schema> & { baseUrl: string; currency: string };

/** Validates the options (errors name the field as `options.<field>`) and fills in the defaults. */
export function resolveMtnOptions(options: MtnMomoCollectionOptions): ResolvedMtnOptions {
  const parsed = validate(schema, options, "options");
  const sandbox = parsed.targetEnvironment === "sandbox";
  return {
    ...parsed,
    baseUrl: (parsed.baseUrl ?? (sandbox ? MTN_SANDBOX_URL : MTN_PRODUCTION_URL)).replace(/\/+$/, ""),
    currency: parsed.currency ?? (sandbox ? "EUR" : "XAF"),
  };
}
