// The public testing subpath against the real endpoint handler: the README's example run from the
// README, a request sealed for another key refused (421), and an answer that does not open.
import { expect, it } from "vitest";
import { readmeBlock, runReadmeBlock } from "../../../../scripts/readme-blocks.js";
import { createFlowEndpointHandler } from "../index.js";
import { flowKeyPair, openFlowResponse, sealFlowRequest } from "./index.js";

const readme = new URL("../../README.md", import.meta.url);
const keys = flowKeyPair("secret phrase");
const endpoint = createFlowEndpointHandler({
  privateKey: keys.privateKey,
  passphrase: "secret phrase",
  onRequest: async (req) => ({ screen: "DONE", data: { echo: req.data ?? {} } }),
});
const post = (body: unknown) =>
  endpoint.fetch(new Request("http://localhost/flow", { method: "POST", body: JSON.stringify(body) }));

it("README: a request sealed as WhatsApp does, answered and opened", async () => {
  const { answer } = await runReadmeBlock(
    readmeBlock(readme, "### Testing a Flow endpoint — `@toktok/whatsapp-client/testing`"),
    {
      imports: {
        "@toktok/whatsapp-client": new URL("../index.ts", import.meta.url),
        "@toktok/whatsapp-client/testing": new URL("./index.ts", import.meta.url),
      },
      expose: ["answer"],
    },
  );
  expect(answer).toEqual({ screen: "COURSE", data: { zone: "Bacongo" } });
});

it("seals for the endpoint's key only, and opens only the answer to its own request", async () => {
  const payload = {
    version: "3.0",
    action: "data_exchange",
    screen: "COURSE",
    data: { zone: "Moungali" },
    flow_token: "t",
  };
  const sealed = sealFlowRequest(payload, keys.publicKey);
  const res = await post(sealed.body);
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(sealed.open(text)).toEqual({ screen: "DONE", data: { echo: { zone: "Moungali" } } });
  expect(openFlowResponse(text, sealed.aesKey, sealed.iv)).toEqual(sealed.open(text));

  const other = sealFlowRequest(payload, keys.publicKey);
  expect(() => other.open(text)).toThrow();
  expect((await post(sealFlowRequest(payload, flowKeyPair().publicKey).body)).status).toBe(421);
});
