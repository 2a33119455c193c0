import { describe, expect, it } from "vitest";
import { bot, CLIENT, DRIVER } from "../../test-support/built-in-bot.js";

async function missionFor(backend: ReturnType<typeof bot>["backend"]) {
  return backend.missions.create({
    clientPhone: CLIENT,
    clientName: "Aline",
    pickup: { address: "Marché Total, Poto-Poto" },
    destination: { address: "Bacongo" },
    parcelValue: 15000,
    description: "2 pagnes",
    recipient: { name: "Marie", phone: "+242069876543" },
  });
}

describe("auth and driver flows", () => {
  it("signs a new driver up, then lists, accepts and delivers a mission, notifying the customer", async () => {
    const { backend, chat, messenger } = bot();
    const mission = await missionFor(backend);
    const driver = chat.as(DRIVER, "Jean");
    const visitor = await driver.send("Bonjour");
    // A visitor's menu has no driver entry: drivers sign up through the account entry.
    expect(visitor.options).toEqual(["flow:courier", "flow:marketplace", "flow:tracking", "flow:auth"]);
    const signup = await driver.tap("flow:auth");
    expect(signup.options).toEqual(["role:client", "role:livreur", "role:entreprise"]);
    await driver.tap("role:livreur");
    const recap = await driver.send("Jean Mabiala");
    expect(recap.text).toContain("Jean Mabiala");
    const created = await driver.tap("auth:confirm");
    expect(created.text).toContain("Compte créé");
    // The new account's menu, its own entry first.
    expect(created.options[0]).toBe("flow:driver");
    const list = await driver.tap("flow:driver");
    expect(list.options).toEqual([`mission:${mission.id}`]);
    expect(await backend.users.findByPhone(DRIVER)).toMatchObject({ role: "livreur", name: "Jean Mabiala" });

    const details = await driver.tap(`mission:${mission.id}`);
    expect(details.text).toContain("COUR-20261121-001");
    const accepted = await driver.tap(`accept:${mission.id}`);
    expect(accepted.text).toContain("Mission COUR-20261121-001 acceptée");
    // One status at a time: the next one is the only button.
    expect(accepted.options).toEqual(["status:pickup_arrived"]);

    // The customer got the acceptance with the timeline and the driver's contact card.
    const toClient = messenger.to(CLIENT);
    expect(toClient.map((m) => m.type)).toEqual(["text", "contacts"]);
    expect(toClient[0]?.type === "text" ? toClient[0].body : "").toContain("✅ Livreur assigné — 10:00");
    // "Voici son contact :" ends the text, right before the card.
    expect(toClient[0]?.type === "text" ? toClient[0].body : "").toMatch(/Voici son contact :$/);
    expect(toClient[1]).toMatchObject({
      contacts: [{ name: { formattedName: "Jean Mabiala" }, phones: [{ phone: `+${DRIVER}`, waId: DRIVER }] }],
    });

    // "Livré" typed at the pickup skips four statuses: refused, the valid next one offered again.
    const skipped = await driver.send("✅ Livré");
    expect(skipped.text).toContain("Choisissez une option");
    expect(skipped.options).toEqual(["status:pickup_arrived"]);
    await expect(backend.missions.updateStatus(mission.id, "delivered")).rejects.toThrow(
      /next status is pickup_arrived, not delivered/,
    );

    await driver.tap("status:pickup_arrived");
    const next = await driver.shareLocation(-4.2634, 15.2429);
    expect(next.text).toContain("Statut mis à jour : Livreur au point de retrait");
    expect(next.options).toEqual(["status:picked_up"]);
    for (const status of ["picked_up", "in_transit", "arrived"]) {
      await driver.tap(`status:${status}`);
      await driver.send("passer");
    }
    // The recipient is told the parcel is coming.
    expect(JSON.stringify(messenger.to("242069876543"))).toContain("arrive pour vous");
    await driver.tap("status:delivered");
    const done = await driver.shareLocation(-4.29, 15.25);
    expect(done.text).toContain("Mission COUR-20261121-001 livrée");

    const final = await backend.missions.get(mission.id);
    expect(final?.status).toBe("delivered");
    // Every status has its own time: none shown done without one.
    expect(final?.history.map((h) => h.status)).toEqual([
      "pending",
      "accepted",
      "pickup_arrived",
      "picked_up",
      "in_transit",
      "arrived",
      "delivered",
    ]);
    expect(final?.history[2]?.location).toEqual({ latitude: -4.2634, longitude: 15.2429 });
  });

  it("signs a known number in at once and refuses the driver menu to a client", async () => {
    const { backend, chat } = bot();
    await backend.users.create({ phone: CLIENT, name: "Aline Ngoma", role: "client" });
    const account = await chat.send("menu");
    expect(account.options).toContain("flow:auth");
    const signedIn = await chat.tap("flow:auth");
    // The menu already looked the number up: "Mon compte" shows the account, not a sign-in.
    expect(signedIn.text).toContain("👤 *Aline Ngoma*");
    const refused = await chat
      .tap("flow:courier")
      .then(() => chat.send("menu"))
      .then(() => chat.send("menu"));
    expect(refused.options).not.toContain("flow:driver");
    // "Mes missions" from an old menu, as a signed-in customer: their own deliveries, not a sign-up.
    const mine = await backend.missions.create({
      clientPhone: CLIENT,
      pickup: { address: "Marché Total" },
      destination: { address: "Bacongo" },
      parcelValue: 0,
      description: "documents",
      recipient: { name: "Marie", phone: "+242069876543" },
    });
    const direct = await chat.deliver({ type: "list_reply", replyId: "flow:driver", title: "Mes missions" });
    expect(direct.text).not.toContain("créer votre compte");
    expect(direct.options).toEqual([`track:${mine.reference}`]);
  });

  it("tells the second driver that the mission was taken", async () => {
    const { backend, chat } = bot();
    const mission = await missionFor(backend);
    await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.users.create({ phone: "242055500009", name: "Paul", role: "livreur" });
    const a = chat.as(DRIVER);
    const b = chat.as("242055500009");
    await a.send("menu");
    await b.send("menu");
    await a.tap("flow:driver");
    await b.tap("flow:driver");
    await a.tap(`mission:${mission.id}`);
    await b.tap(`mission:${mission.id}`);
    await a.tap(`accept:${mission.id}`);
    const late = await b.tap(`accept:${mission.id}`);
    expect(late.text).toContain("vient d'être acceptée par un autre livreur");
    expect(late.text).toContain("Aucune mission disponible");
  });

  it("lists a mission planned for tomorrow only from 30 minutes before its pickup, like dispatch offers it", async () => {
    const { backend, chat } = bot();
    const later = await missionFor(backend);
    const now = await missionFor(backend);
    const pickupAt = Date.UTC(2026, 10, 22, 9, 0, 0);
    await backend.missions.reschedule?.(later.id, new Date(pickupAt).toISOString());
    await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    const driver = chat.as(DRIVER);
    await driver.send("menu");
    const list = await driver.tap("flow:driver");
    expect(list.options).toEqual([`mission:${now.id}`]);
    // Typing its reference does not open it either.
    expect((await driver.send(later.reference)).options).not.toContain(`accept:${later.id}`);
    await driver.send("menu");
    chat.advance(pickupAt - 30 * 60_000 - Date.UTC(2026, 10, 21, 9, 0, 0));
    expect((await driver.tap("flow:driver")).options.sort()).toEqual(
      [`mission:${later.id}`, `mission:${now.id}`].sort(),
    );
  });

  it("resumes the driver's active mission when they come back", async () => {
    const { backend, chat } = bot();
    const mission = await missionFor(backend);
    const jean = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept(mission.id, { id: jean.id, name: "Jean", phone: DRIVER });
    const driver = chat.as(DRIVER);
    await driver.send("menu");
    const status = await driver.tap("flow:driver");
    expect(status.text).toContain("Mission *COUR-20261121-001*");
    expect(status.options[0]).toBe("status:pickup_arrived");
  });

  it("accepts once even when WhatsApp redelivers the tap", async () => {
    const { backend, chat, messenger } = bot();
    const mission = await missionFor(backend);
    await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    const driver = chat.as(DRIVER);
    await driver.send("menu");
    await driver.tap("flow:driver");
    await driver.tap(`mission:${mission.id}`);
    await driver.tap(`accept:${mission.id}`, { id: "wamid.accept" });
    const again = await driver.tap(`accept:${mission.id}`, { id: "wamid.accept" });
    expect(again.status).toBe("duplicate");
    expect(messenger.to(CLIENT).filter((m) => m.type === "contacts")).toHaveLength(1);
    expect((await backend.missions.get(mission.id))?.history.map((h) => h.status)).toEqual(["pending", "accepted"]);
  });
});
