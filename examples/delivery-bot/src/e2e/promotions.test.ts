import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mintDashboardToken } from "../dashboard-api/index.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

const SECRET = "promotions-e2e-secret-of-at-least-32-chars";
const OPTED_IN = "242061230001";
const UNKNOWN = "242061230002";
const STOPPED = "242061230003";
const OFFER = { offer: "Livraison gratuite à Bacongo", priceXaf: 1000, validUntil: "2026-12-31" };

// The operator's offer over HTTP (issue 18): the bot with the Graph stand-in, three customers whose
// choices were made in the chat, and the dashboard API's POST /promotions with an admin token.
describe("delivery bot: a promotional offer reaches only the customers who opted in", () => {
  let sim: Simulation;
  let admin: string;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent", env: { DASHBOARD_JWT_SECRET: SECRET } });
    admin = await mintDashboardToken({ secret: SECRET, subject: "grace" });
    await sim.bot.backend.users.create({ phone: OPTED_IN, name: "Aline", role: "client" });
  });
  afterAll(() => sim.close());

  const promote = (body: unknown, token = admin) =>
    fetch(`${sim.server.url}/api/analytics/promotions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  /** GET /promotions/{id} with the admin token. */
  const statusOf = async (id: string) =>
    fetch(`${sim.server.url}/api/analytics/promotions/${id}`, { headers: { authorization: `Bearer ${admin}` } });
  /** POSTs the offer (202 and its id), then waits until every recipient's job is done; resolves the counts. */
  const promoted = async (body: unknown, timeout = 10_000) => {
    const res = await promote(body);
    expect(res.status).toBe(202);
    const queued = (await res.json()) as { promotionId: string; recipients: number; queued: number };
    let counts: Record<string, unknown> = {};
    await vi.waitFor(
      async () => {
        counts = (await (await statusOf(queued.promotionId)).json()) as Record<string, unknown>;
        expect(counts).toMatchObject({ pending: 0 });
      },
      { timeout },
    );
    return { queued, counts };
  };
  const offersTo = (waId: string) =>
    sim.graph.messages.filter(
      (m) =>
        m.to.replace(/\D/g, "") === waId &&
        m.type === "template" &&
        (m.body.template as { name: string }).name === "promotional_offer",
    );
  const metrics = async () => (await fetch(`${sim.server.url}/metrics`)).text();

  it("sends exactly one offer, to the opted-in customer, and counts the others' skips in the answer and on /metrics", async () => {
    const aline = sim.customer(OPTED_IN, "Aline");
    await aline.say("OFFRES");
    await aline.expect("vous recevrez nos offres", 5_000);
    const paul = sim.customer(STOPPED, "Paul");
    await paul.say("STOP");
    await paul.expect("Vous ne recevrez plus nos offres", 5_000);
    await sim.customer(UNKNOWN, "Marc").say("Bonjour");
    await sim.bot.drain();

    // Named recipients: each is checked against his own choice.
    const { queued, counts } = await promoted({ ...OFFER, recipients: [OPTED_IN, UNKNOWN, STOPPED] });
    expect(queued).toEqual({ promotionId: expect.stringMatching(/^promo_[0-9a-f]{24}$/), recipients: 3, queued: 3 });
    expect(counts).toEqual({
      promotionId: queued.promotionId,
      recipients: 3,
      pending: 0,
      sent: 1,
      skipped: { no_marketing_consent: 1, marketing_opt_out: 1, template_unusable: 0 },
      failed: 0,
    });
    // The same request again (an operator's retry): the same offer, nothing queued, nothing sent twice.
    const retried = await promote({ ...OFFER, recipients: [OPTED_IN, UNKNOWN, STOPPED] });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ promotionId: queued.promotionId, recipients: 3, queued: 0 });
    const [offer, ...more] = offersTo(OPTED_IN);
    expect(more).toEqual([]);
    expect(offersTo(UNKNOWN)).toEqual([]);
    expect(offersTo(STOPPED)).toEqual([]);
    // Greeted by name; the price and the last day filled as WhatsApp parameters.
    const template = offer?.body.template as { components: { type: string; parameters: unknown[] }[] } | undefined;
    const body = template?.components.find((c) => c.type === "body");
    expect(body?.parameters[0]).toEqual({ type: "text", text: "Aline" });
    expect(body?.parameters[1]).toEqual({ type: "text", text: OFFER.offer });
    expect(body?.parameters[2]).toMatchObject({ type: "currency", currency: { code: "XAF", amount_1000: 1_000_000 } });
    expect(body?.parameters[3]).toMatchObject({ type: "date_time" });

    const text = await metrics();
    expect(text).toMatch(
      /toktok_templates_skipped_total\{template="promotional_offer",reason="no_marketing_consent"\} 1\n/,
    );
    expect(text).toMatch(
      /toktok_templates_skipped_total\{template="promotional_offer",reason="marketing_opt_out"\} 1\n/,
    );
  });

  it("without recipients, reaches every opted-in customer; a STOPped customer who types OFFRES gets the next one", async () => {
    const broadcast = await promoted(OFFER);
    expect(broadcast.counts).toMatchObject({ recipients: 1, sent: 1 });
    expect(offersTo(OPTED_IN)).toHaveLength(2);
    expect(offersTo(STOPPED)).toEqual([]);

    const paul = sim.customer(STOPPED, "Paul");
    await paul.say("OFFRES");
    await paul.expect("vous recevrez nos offres", 5_000);
    const again = await promoted({ ...OFFER, offer: "Deuxième course à moitié prix" });
    expect(again.counts).toEqual({
      promotionId: again.queued.promotionId,
      recipients: 2,
      pending: 0,
      sent: 2,
      skipped: { no_marketing_consent: 0, marketing_opt_out: 0, template_unusable: 0 },
      failed: 0,
    });
    const [second] = offersTo(STOPPED);
    expect(JSON.stringify(second?.body)).toContain("Deuxième course à moitié prix");
    // No name known for him: a greeting, never "client".
    expect(JSON.stringify(second?.body)).toContain('"text":"Bonjour"');
    expect(offersTo(UNKNOWN)).toEqual([]);
  });

  it("a send WhatsApp answers with 5xx past the client's own retries is retried by its job: the customer gets exactly one offer", async () => {
    const before = offersTo(OPTED_IN).length;
    const tries = sim.graph.attempts.length;
    // The client retries a 5xx 3 times itself: 4 failures make the job's first run fail, the job's retry sends.
    sim.graph.failNext(4, 500);
    // The client's own backoff, then the queue's: real waits of a few seconds.
    const { counts } = await promoted({ ...OFFER, offer: "Course du soir à 500 FCFA", recipients: [OPTED_IN] }, 25_000);
    expect(counts).toMatchObject({ recipients: 1, pending: 0, sent: 1, failed: 0 });
    const offers = offersTo(OPTED_IN).slice(before);
    expect(offers).toHaveLength(1);
    expect(JSON.stringify(offers[0]?.body)).toContain("Course du soir à 500 FCFA");
    // 4 refused (the client's first try and its 3 retries: one job run), then the job's second run sends.
    const toAline = sim.graph.attempts
      .slice(tries)
      .filter((a) => a.kind === "send" && a.to?.replace(/\D/g, "") === OPTED_IN);
    expect(toAline.map((a) => a.outcome)).toEqual(["error", "error", "error", "error", "sent"]);
  }, 30_000);

  it("GET /promotions/{id}: an unknown offer is 404, a bad id names the field", async () => {
    expect((await statusOf("promo_unknown")).status).toBe(404);
    const bad = await statusOf("a.b");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_path", field: "id" });
  });

  it("refuses a bad body naming the field, and a merchant's token", async () => {
    const bad = await promote({ ...OFFER, priceXaf: 10.5 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_request", field: "body.priceXaf" });
    const missing = await promote({ priceXaf: 1000, validUntil: "2026-12-31" });
    expect(await missing.json()).toMatchObject({ field: "body.offer" });
    const extra = await promote({ ...OFFER, discount: 5 });
    expect(await extra.json()).toMatchObject({ field: "body.discount" });
    const phone = await promote({ ...OFFER, recipients: ["+242 06"] });
    expect(await phone.json()).toMatchObject({ field: "body.recipients.0" });
    const date = await promote({ ...OFFER, validUntil: "31/12/2026" });
    expect(await date.json()).toMatchObject({ field: "body.validUntil" });
    const empty = await fetch(`${sim.server.url}/api/analytics/promotions`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await empty.json()).toMatchObject({ error: "invalid_request", field: "body" });
    const merchant = await mintDashboardToken({ secret: SECRET, role: "entreprise", company: "m-1" });
    const offers = sim.graph.messages.length;
    expect((await promote(OFFER, merchant)).status).toBe(403);
    expect(sim.graph.messages.length).toBe(offers);
  });
});
