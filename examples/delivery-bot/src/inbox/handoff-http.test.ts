// Human handoff end to end over HTTP (issue 22): signed webhooks in, the inbox API and its SSE
// stream, replies out through the Graph API stand-in.
import { catalogues } from "@toktok/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { deliver, inboxApi, openEvents, operatorToken, SECRET } from "./test-support.ts";

const fr = catalogues.fr;

const GRACE = "242061230001";
const OLD = "242061230002";
const CASE = "242061230003";

describe("human handoff over HTTP", () => {
  let sim: Simulation;
  let awa: string;
  let jean: string;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent", env: { DASHBOARD_JWT_SECRET: SECRET } });
    awa = await operatorToken("op-awa", "Awa Ngoma");
    jean = await operatorToken("op-jean", "Jean Malonga");
  });
  afterAll(() => sim.close());

  const sentTo = (waId: string) => sim.graph.messages.filter((m) => m.to === waId);
  const textOf = (m: { body: Record<string, unknown> }) => (m.body.text as { body?: string } | undefined)?.body;

  it("refuses a token without the operator or admin role, and a bad path", async () => {
    const driver = await operatorToken("d1", "Patrick", "livreur");
    expect((await inboxApi(sim, driver, "/conversations")).status).toBe(403);
    expect((await fetch(`${sim.server.url}/api/inbox/conversations`)).status).toBe(401);
    const bad = await inboxApi(sim, awa, "/conversations/not-a-number");
    expect(bad).toMatchObject({ status: 400, body: { field: "waId" } });
    expect((await inboxApi(sim, awa, "/conversations?state=lost")).body).toMatchObject({ field: "query.state" });
  });

  it("a customer asks for a person: the operator sees it live, takes it, replies; the customer gets it", async () => {
    const live = openEvents(sim, awa);
    await live.ready;
    await deliver(sim, GRACE, { type: "text", text: { body: "Bonjour je veux parler à un agent svp" } });
    expect(sentTo(GRACE).map(textOf)).toEqual([fr.handoff.waiting(5)]);
    await expect.poll(() => live.events.some((e) => e.type === "waiting" && e.waId === GRACE)).toBe(true);
    const waiting = await inboxApi(sim, awa, "/conversations?state=waiting");
    expect(waiting.body.conversations).toMatchObject([{ waId: GRACE, owner: "waiting", trigger: "asked" }]);

    // Two operators at once: one owner, the other told 409 with the owner.
    const [a, b] = await Promise.all([
      inboxApi(sim, awa, `/conversations/${GRACE}/take`, {}),
      inboxApi(sim, jean, `/conversations/${GRACE}/take`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? awa : jean;
    const loser = a.status === 200 ? b : a;
    expect(loser.body).toMatchObject({ error: "taken" });
    const winnerName = a.status === 200 ? "Awa" : "Jean";
    await sim.bot.drain();
    expect(sentTo(GRACE).map(textOf)).toContain(fr.handoff.operatorJoined(winnerName));

    // The loser may not write; the winner may.
    const other = winner === awa ? jean : awa;
    expect((await inboxApi(sim, other, `/conversations/${GRACE}/messages`, { text: "Bonjour" })).status).toBe(409);
    const reply = await inboxApi(sim, winner, `/conversations/${GRACE}/messages`, {
      text: "Bonjour Grâce, je regarde votre course.",
    });
    expect(reply.status).toBe(200);
    const got = await sim.graph.waitForMessage(
      (m) => m.to === GRACE && textOf(m) === "Bonjour Grâce, je regarde votre course.",
      5_000,
    );
    expect(got.type).toBe("text");
    // An image and a document, by link.
    const image = { link: "https://cdn.toktok.cg/preuves/colis-1234.jpg", caption: "Votre colis au dépôt" };
    expect((await inboxApi(sim, winner, `/conversations/${GRACE}/messages`, { image })).status).toBe(200);
    const sentImage = await sim.graph.waitForMessage((m) => m.to === GRACE && m.type === "image", 5_000);
    expect(sentImage.body.image).toMatchObject(image);
    const document = { link: "https://cdn.toktok.cg/factures/F-1234.pdf", filename: "facture-F-1234.pdf" };
    expect((await inboxApi(sim, winner, `/conversations/${GRACE}/messages`, { document })).status).toBe(200);
    const sentDocument = await sim.graph.waitForMessage((m) => m.to === GRACE && m.type === "document", 5_000);
    expect(sentDocument.body.document).toMatchObject(document);
    // A plain-http link is refused, naming the field.
    const insecure = await inboxApi(sim, winner, `/conversations/${GRACE}/messages`, {
      image: { link: "http://x.cg/a.jpg" },
    });
    expect(insecure.status).toBe(400);
    // An internal note is recorded with its author, never sent.
    const before = sentTo(GRACE).length;
    expect(
      (await inboxApi(sim, winner, `/conversations/${GRACE}/messages`, { note: "client déjà remboursé une fois" }))
        .status,
    ).toBe(200);
    expect(sentTo(GRACE)).toHaveLength(before);
    // A bad body names the field.
    expect((await inboxApi(sim, winner, `/conversations/${GRACE}/messages`, { text: "" })).body).toMatchObject({
      error: "invalid_request",
    });
    live.close();
  });

  it("while taken, six inbound kinds reach the inbox and the bot sends nothing", async () => {
    const before = sentTo(GRACE).length;
    await deliver(sim, GRACE, { type: "text", text: { body: "menu" } });
    await deliver(sim, GRACE, {
      type: "image",
      image: { id: "media-img-1", mime_type: "image/jpeg", caption: "le colis abîmé" },
    });
    await deliver(sim, GRACE, { type: "location", location: { latitude: -4.2634, longitude: 15.2429 } });
    await deliver(sim, GRACE, {
      type: "audio",
      audio: { id: "media-voice-1", mime_type: "audio/ogg; codecs=opus", voice: true },
    });
    await deliver(sim, GRACE, {
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "flow:courier", title: "Envoyer un colis" } },
    });
    await deliver(sim, GRACE, {
      type: "document",
      document: { id: "media-doc-1", mime_type: "application/pdf", filename: "facture.pdf" },
    });
    expect(sentTo(GRACE)).toHaveLength(before);
    const { body } = await inboxApi(sim, awa, `/conversations/${GRACE}`);
    const kinds = (body.messages as Array<{ author: string; kind: string }>)
      .filter((m) => m.author === "customer")
      .map((m) => m.kind);
    expect(kinds.slice(-6)).toEqual(["text", "image", "location", "audio", "button_reply", "document"]);
    expect(body.windowOpen).toBe(true);
  });

  it("hands back to the bot with one message, and the bot answers again", async () => {
    const owner = (await inboxApi(sim, awa, `/conversations/${GRACE}`)).body.conversation as { owner: string };
    const token = owner.owner === "operator:op-awa" ? awa : jean;
    expect((await inboxApi(sim, token, `/conversations/${GRACE}/release`, {})).status).toBe(200);
    expect((await inboxApi(sim, token, `/conversations/${GRACE}/release`, {})).status).toBe(409);
    await sim.bot.drain();
    expect(
      sentTo(GRACE)
        .map(textOf)
        .filter((t) => t === fr.handoff.backToBot),
    ).toHaveLength(1);
    const before = sentTo(GRACE).length;
    await deliver(sim, GRACE, { type: "text", text: { body: "menu" } });
    expect(sentTo(GRACE).length).toBeGreaterThan(before);
  });

  it("outside the 24-hour window free text is refused (422) and an approved template goes instead", async () => {
    await deliver(sim, OLD, { type: "text", text: { body: "je veux un humain" } }, Date.now() - 25 * 3_600_000);
    expect((await inboxApi(sim, awa, `/conversations/${OLD}/take`, {})).status).toBe(200);
    const detail = await inboxApi(sim, awa, `/conversations/${OLD}`);
    expect(detail.body.windowOpen).toBe(false);
    const before = sentTo(OLD).length;
    const refused = await inboxApi(sim, awa, `/conversations/${OLD}/messages`, { text: "Bonjour ?" });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: "window_closed" });
    expect(String(refused.body.message)).toMatch(/24 hours/);
    expect(sentTo(OLD)).toHaveLength(before);
    const template = await inboxApi(sim, awa, `/conversations/${OLD}/messages`, {
      template: { name: "reprise_conversation", language: "fr" },
    });
    expect(template.status).toBe(200);
    const sent = await sim.graph.waitForMessage((m) => m.to === OLD && m.type === "template", 5_000);
    expect((sent.body.template as { name: string }).name).toBe("reprise_conversation");
  });

  it("a backend hands a customer over; the mission is beside the chat and the driver can be messaged", async () => {
    const backend = sim.bot.backend;
    const mission = await backend.missions.create({
      clientPhone: CASE,
      clientName: "Chantal",
      pickup: { address: "Marché Total, Bacongo" },
      destination: { address: "Avenue de la Paix, Poto-Poto" },
      parcelValue: 20_000,
      description: "Un carton de pagnes",
      recipient: { name: "Mireille", phone: "+242069990002" },
    });
    await backend.missions.accept(mission.id, { id: "drv-1", name: "Patrick Mbemba", phone: "+242069990001" });
    await backend.missions.updateStatus(mission.id, "pickup_arrived", {
      location: { latitude: -4.2767, longitude: 15.2662 },
    });
    const requested = await inboxApi(sim, awa, `/conversations/${CASE}/request`, {});
    expect(requested).toMatchObject({ status: 200, body: { owner: "waiting" } });
    await sim.bot.drain();
    expect(sentTo(CASE).map(textOf)).toEqual([fr.handoff.waiting(5)]);
    expect((await inboxApi(sim, awa, `/conversations/${CASE}/take`, {})).status).toBe(200);
    const { body } = await inboxApi(sim, awa, `/conversations/${CASE}`);
    expect(body.case).toMatchObject({
      type: "mission",
      reference: mission.reference,
      status: "pickup_arrived",
      amountXaf: mission.price,
      driver: {
        name: "Patrick Mbemba",
        phone: "+242069990001",
        lastPosition: { latitude: -4.2767, longitude: 15.2662 },
      },
    });
    expect((body.case as { timeline: Array<{ status: string }> }).timeline.map((t) => t.status)).toEqual([
      "pending",
      "accepted",
      "pickup_arrived",
    ]);
    const contact = await inboxApi(sim, awa, `/conversations/${CASE}/contact`, {
      to: "driver",
      text: "La cliente attend, où êtes-vous ?",
    });
    expect(contact.status).toBe(200);
    await sim.graph.waitForMessage(
      (m) => m.to === "242069990001" && textOf(m) === "La cliente attend, où êtes-vous ?",
      5_000,
    );
    expect(
      (await inboxApi(sim, awa, `/conversations/${CASE}/contact`, { to: "merchant", text: "?" })).body,
    ).toMatchObject({
      error: "no_contact",
    });
  });

  it("counts handoffs by trigger, first response and resolution per operator on /metrics and the dashboard", async () => {
    const metrics = await (await fetch(`${sim.server.url}/metrics`)).text();
    expect(metrics).toMatch(/toktok_handoffs_total\{trigger="asked"\} 2/);
    expect(metrics).toMatch(/toktok_handoff_first_response_seconds_count\{operator="op-/);
    expect(metrics).toMatch(/toktok_handoff_resolution_seconds_count\{operator="op-/);
    expect(metrics).toMatch(/toktok_operator_messages_total\{operator="op-awa",kind="template"\} 1/);
    expect(metrics).toMatch(/^toktok_outbox_suppressed_total \d+$/m);
    const figures = await inboxApi(sim, awa, "/figures");
    expect(figures.body.handoffsByTrigger).toEqual({ asked: 2, api: 1 });
    expect((figures.body.operators as Array<{ operatorId: string }>).map((o) => o.operatorId)).toContain("op-awa");
  });
});
