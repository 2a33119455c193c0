// The README's quick start, read from the README at test time and run: a README edit that breaks it fails here.
import { expect, it } from "vitest";
import { readmeBlock, runReadmeBlock } from "../../../scripts/readme-blocks.js";
import { CacheValidationError, RateLimiter } from "./index.js";

it("README quick start", async () => {
  const run = await runReadmeBlock(readmeBlock(new URL("../README.md", import.meta.url), "## Quick start"), {
    imports: { "@toktok/cache": new URL("./index.ts", import.meta.url) },
    expose: ["users", "user", "allowed", "remaining", "retryAfterMs", "rates"],
  });
  expect(run.user).toEqual({ name: "Mireille" });
  expect({ allowed: run.allowed, remaining: run.remaining, retryAfterMs: run.retryAfterMs }).toEqual({
    allowed: true,
    remaining: 29,
    retryAfterMs: 0,
  });
  expect(run.rates).toEqual({ currency: "XAF", perEuro: 655.957 });
  // The wrap stored the user: a second read is a hit.
  expect((run.users as { get(key: string): unknown }).get("user:42")).toEqual({ name: "Mireille" });
  expect(() => new RateLimiter({ points: 0, duration: 1000 })).toThrow(CacheValidationError);
});
