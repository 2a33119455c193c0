import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

/** A loopback OpenAI-compatible server: records chat completion requests, answers structured JSON (or 500). */
async function startFakeModel() {
  const requests: { model: string; text: string; auth: string | undefined }[] = [];
  let fail = false;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => {
      raw += c.toString();
    });
    req.on("end", () => {
      const body = JSON.parse(raw) as { model: string; messages: { role: string; content: string }[] };
      requests.push({
        model: body.model,
        text: body.messages.filter((m) => m.role === "user").at(-1)?.content ?? "",
        auth: req.headers.authorization,
      });
      if (fail || req.url !== "/v1/chat/completions") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "boom", type: "server_error" } }));
        return;
      }
      const answer = { phone: null, amount: null, address: null, recipientName: null, intent: "greeting" };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "chatcmpl-1",
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: JSON.stringify(answer), refusal: null },
              finish_reason: "stop",
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    failing(value: boolean) {
      fail = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("smart-fallback with an OpenAI-compatible model (OPENAI_API_KEY / OPENAI_BASE_URL)", () => {
  let model: Awaited<ReturnType<typeof startFakeModel>>;
  let sim: Simulation;
  beforeAll(async () => {
    model = await startFakeModel();
    sim = await startSimulation({
      logLevel: "silent",
      env: { OPENAI_API_KEY: "sk-test-not-a-real-key", OPENAI_BASE_URL: model.url, OPENAI_MODEL: "toktok-test-model" },
    });
  });
  afterAll(async () => {
    await sim.close();
    await model.close();
  });

  it("asks the model only for a message the rules cannot read, then answers the customer", async () => {
    expect(sim.bot.services.llm).toBe(true);
    const customer = sim.customer("242060000901");
    await customer.say("Bonjour, je veux envoyer un colis");
    await customer.expect("Où faut-il récupérer le colis", 5_000);
    expect(model.requests).toEqual([]);

    await customer.say("kaka wana");
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]).toMatchObject({ model: "toktok-test-model", auth: "Bearer sk-test-not-a-real-key" });
    expect(model.requests[0]?.text).toContain("kaka wana");
    expect(customer.inbox.length).toBeGreaterThan(1);
    // Its latency is part of the message's response time, one observation per message.
    const metrics = await (await fetch(`${sim.server.url}/metrics`)).text();
    expect(metrics).toMatch(/toktok_response_time_seconds_count\{operation="message"\} 2\b/);
  });

  it("keeps answering on the rules when the model fails", async () => {
    model.failing(true);
    const customer = sim.customer("242060000902");
    const before = model.requests.length;
    await customer.say("xyz");
    expect(model.requests.length).toBeGreaterThan(before);
    expect(customer.inbox.length).toBeGreaterThan(0);
  });
});
