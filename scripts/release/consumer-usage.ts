// Type-checked by `pnpm release:verify` in a fresh project that installed the
// published packages, as .mts and .cts under node16 and as .ts under bundler.
// Uses each package as a user would, so a broken `types` condition fails it.
import * as analytics from "@toktok/analytics";
import * as cache from "@toktok/cache";
import * as flows from "@toktok/flows";
import * as smartFallback from "@toktok/smart-fallback";
import * as whatsapp from "@toktok/whatsapp-client";

export const names: string[] = [
  ...Object.keys(whatsapp),
  ...Object.keys(cache),
  ...Object.keys(analytics),
  ...Object.keys(smartFallback),
  ...Object.keys(flows),
];
