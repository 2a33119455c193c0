import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

// The real bot on loopback: signed deliveries in over HTTP, Graph API calls out to the stand-in.
describe("delivery bot over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent" });
  });
  afterAll(() => sim.close());

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${sim.server.url}/webhook`, { method: "POST", headers, body });

  it("answers Meta's subscription handshake only with the verify token", async () => {
    const ok = await fetch(
      `${sim.server.url}/webhook?hub.mode=subscribe&hub.verify_token=${sim.secrets.verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const bad = await fetch(`${sim.server.url}/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it("rejects a delivery without signature (401) and with a wrong one (403), and sends nothing", async () => {
    const before = sim.graph.messages.length;
    const d = sim.signer.text({ from: "242060000001" }, "Bonjour");
    expect((await post(d.body, { "content-type": "application/json" })).status).toBe(401);
    const forged = { ...d.headers, "x-hub-signature-256": `sha256=${"0".repeat(64)}` };
    expect((await post(d.body, forged)).status).toBe(403);
    // Meta signs its escaped form: the same JSON re-serialised with raw accents no longer matches.
    const accented = sim.signer.text({ from: "242060000001", name: "Grâce" }, "Poto-Poto → Bacongo");
    const reserialised = JSON.stringify(JSON.parse(accented.body));
    expect((await post(reserialised, accented.headers)).status).toBe(403);
    await sim.bot.drain();
    expect(sim.graph.messages.length).toBe(before);
  });

  it("refuses a body over 5 MB with 413 before buffering it", async () => {
    const huge = "x".repeat(6 * 1024 * 1024);
    const res = await post(huge, { "content-type": "application/json", "x-hub-signature-256": sim.signer.sign(huge) });
    expect(res.status).toBe(413);
  });

  it("answers a signed message through the Graph API stand-in, addressed to the sender", async () => {
    const customer = sim.customer("242060000002", "Grâce");
    const delivery = await customer.say("Bonjour");
    const reply = await customer.expect("Bienvenue", 5_000);
    // Marked as read (blue ticks, typing indicator) through the Graph API.
    expect(sim.graph.reads).toContain(delivery.messageId);
    expect(reply.id).toMatch(/^wamid\./);
    const sent = sim.graph.messages.filter((m) => m.to === "242060000002");
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((m) => m.phoneNumberId === sim.secrets.phoneNumberId)).toBe(true);
  });

  it("answers a redelivered message once", async () => {
    const customer = sim.customer("242060000003");
    const delivery = customer.delivery("Bonjour");
    await customer.post(delivery);
    const first = sim.graph.messages.filter((m) => m.to === "242060000003").length;
    expect(first).toBeGreaterThan(0);
    // Meta retries a delivery it thinks failed: same bytes, same wamid.
    await customer.post(delivery);
    await customer.post(delivery);
    expect(sim.graph.messages.filter((m) => m.to === "242060000003").length).toBe(first);
  });

  it("exposes Prometheus metrics that count the traffic, and a health check", async () => {
    const metrics = await fetch(`${sim.server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(text).toMatch(/# TYPE \S+ counter/);
    const messages = text.split("\n").filter((l) => /^toktok_\w*messages\w*\{[^}]*type="text"/.test(l));
    expect(messages.length).toBeGreaterThan(0);
    const health = await fetch(`${sim.server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", ready: true, checks: { process: "ok" } });
    expect((await fetch(`${sim.server.url}/readyz`)).status).toBe(200);
  });
});
