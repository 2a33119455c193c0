// The README's code, read from the README at test time and run: if a README edit breaks it, this fails.
import { expect, it } from "vitest";
import { readmeBlock, runReadmeBlock } from "../../../scripts/readme-blocks.js";
import type { StoredPayment } from "./index.js";
import type { MtnMomoStandIn } from "./testing/index.js";

const readme = new URL("../README.md", import.meta.url);
const imports = {
  "@toktok/payments": new URL("./index.ts", import.meta.url),
  "@toktok/payments/testing": new URL("./testing/index.ts", import.meta.url),
};

it("runs the README quick start", async () => {
  const { settled, sandbox } = (await runReadmeBlock(readmeBlock(readme, "## Quick start"), {
    imports,
    // The default first poll (3 s) is for real phones; the stand-in answers at once.
    replace: [["providers: { mtn },", "providers: { mtn }, firstPollMs: 10,"]],
    expose: ["settled", "sandbox"],
  })) as { settled: StoredPayment; sandbox: MtnMomoStandIn };
  expect(settled).toMatchObject({ status: "succeeded", externalId: "order-42", amount: 15 });
  expect(sandbox.debits).toHaveLength(1);
});

it("runs the README's stand-in block", async () => {
  const { mtn } = (await runReadmeBlock(readmeBlock(readme, "## Stand-ins"), { imports, expose: ["mtn"] })) as {
    mtn: MtnMomoStandIn;
  };
  expect(mtn.tokensIssued).toBe(0);
  await mtn.close();
});
