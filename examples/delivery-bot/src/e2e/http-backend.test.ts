import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

// BACKEND_URL points the bot at an existing backend through @toktok/flows' HttpBackend.
// This loopback backend answers 404 to everything; what matters is that the bot asks it.
describe("BACKEND_URL", () => {
  let backend: Server;
  let sim: Simulation;
  const seen: Array<{ method?: string; url?: string; authorization?: string }> = [];

  beforeAll(async () => {
    backend = createServer((req: IncomingMessage, res) => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not_found" }));
    });
    await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
    const { port } = backend.address() as AddressInfo;
    sim = await startSimulation({
      logLevel: "silent",
      env: { BACKEND_URL: `http://127.0.0.1:${port}/v1`, BACKEND_API_KEY: "backend-key" },
    });
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => backend.close(resolve));
  });

  it("asks the configured backend for the price, with its API key", async () => {
    const grace = sim.customer("242061234567", "Grâce");
    for (const [say, expected] of [
      ["Je veux envoyer un colis", "Où faut-il récupérer"],
      ["/loc -4.2634 15.2429", "Où faut-il livrer"],
      ["Rond-point Moungali", "valeur du colis"],
      ["15000", "Que contient le colis"],
      ["Deux pagnes", "nom du destinataire"],
      ["Marie Okemba", "numéro de Marie Okemba"],
    ] as const) {
      await grace.say(say);
      await grace.expect(expected, 5_000);
    }
    // The recap needs a quote: this backend answers 404, so the customer gets an apology, not silence.
    await grace.say("06 123 4567");
    await grace.expect("problème technique", 5_000);
    expect(seen).toContainEqual({ method: "POST", url: "/v1/missions/quote", authorization: "Bearer backend-key" });
    expect(sim.bot.backend.constructor.name).toBe("HttpBackend");
  });

  it("refuses a BACKEND_URL that is not http(s), naming the variable", async () => {
    await expect(startSimulation({ logLevel: "silent", env: { BACKEND_URL: "ftp://example" } })).rejects.toThrow(
      /BACKEND_URL/,
    );
  });
});
