// A photo as proof of delivery, over HTTP: the driver's image message is downloaded from the Graph
// stand-in through the WhatsApp client's media API and kept in PROOF_DIR; while the media API fails the
// delivery stands and the photo is tried again; a photo WhatsApp no longer has is given up, logged.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "@toktok-example/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SimulatedCustomer } from "../demo/customer.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { orderCourier, tap } from "../test-support/courier-order.ts";

/** How long the photo jobs may take: the WhatsApp client retries a 5xx itself before a try fails. */
const WAIT = { timeout: 20_000, interval: 50 };
/** The bytes of "the parcel on the doorstep": any image will do, the bot keeps what WhatsApp serves. */
const PHOTO = Buffer.from("89504e470d0a1a0a-parcel-photo", "utf8");

describe("proof photo over HTTP", () => {
  let sim: Simulation;
  let dir: string;
  const logged: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logged.push({ level, message, ...(fields ? { fields } : {}) });
    };
  const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "toktok-proofs-"));
    sim = await startSimulation({
      logger,
      env: { DISPATCH: "on", PROOF_DIR: dir, PROOF_RETRY_MS: "50", DISPATCH_FAN_OUT: "5" },
    });
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  /**
   * A new customer's courier request accepted by a new driver (each test its own two phones: the bot's
   * per-user rate limit counts every message) and walked to "Livré", where the proof is asked for.
   */
  async function atProof(customerPhone: string, driverPhone: string) {
    const user = await sim.bot.backend.users.create({ phone: driverPhone, name: "Jean Photo", role: "livreur" });
    const customer = sim.customer(customerPhone, "Grâce");
    const driver = sim.customer(driverPhone, "Jean");
    await driver.say("menu");
    await tap(driver, "flow:driver");
    await driver.say("/loc -4.2634 15.2429");
    await orderCourier(customer, "06 123 4567");
    await driver.expect("Nouvelle course", 5_000);
    await tap(driver, "flow:driver");
    await tap(driver, driver.choices.find((c) => c.id.startsWith("accept:"))?.id ?? "?");
    for (const status of ["pickup_arrived", "picked_up", "in_transit", "arrived"]) {
      await tap(driver, `status:${status}`);
      await driver.say("passer");
    }
    await tap(driver, "status:delivered");
    await driver.expect("code à 4 chiffres", 5_000);
    const [mission] = await sim.bot.backend.missions.list({ driverId: user.id });
    if (mission?.status !== "arrived") throw new Error("no mission at the door");
    return { mission, driver };
  }

  const sendPhoto = (driver: SimulatedCustomer) =>
    driver.photo(async () => {
      const { id } = await sim.bot.client.uploadMedia({ data: PHOTO, mimeType: "image/png" });
      return { id, mimeType: "image/png" };
    });

  const stored = (missionId: string) =>
    vi.waitFor(async () => {
      const proof = await sim.bot.dispatcher?.storedProof(missionId);
      if (!proof) throw new Error("not stored yet");
      return proof;
    }, WAIT);

  it("downloads the photo through the media API and keeps it on disk, tied to the mission", async () => {
    const { mission, driver } = await atProof("242061234567", "242055500031");
    await sendPhoto(driver);
    await driver.expect("livrée", 5_000);
    expect((await sim.bot.backend.missions.get(mission.id))?.status).toBe("delivered");
    const proof = await stored(mission.id);
    expect(proof.location).toBe(join(dir, `${mission.reference}-${proof.mediaId}.png`));
    expect(await readFile(proof.location)).toEqual(PHOTO);
  });

  it("keeps the delivery while the media API fails, tries again, and stores the photo once it answers", async () => {
    const { mission, driver } = await atProof("242061234568", "242055500032");
    sim.graph.setFault({ kind: "error", status: 500, only: "media" });
    await sendPhoto(driver);
    await driver.expect("livrée", 5_000);
    expect((await sim.bot.backend.missions.get(mission.id))?.status).toBe("delivered");
    await vi.waitFor(() => {
      if (!logged.some((l) => l.message.includes("will try again") && l.fields?.reference === mission.reference))
        throw new Error("no failed try yet");
    }, WAIT);
    expect(await sim.bot.dispatcher?.storedProof(mission.id)).toBeUndefined();
    sim.graph.setFault(undefined);
    expect(await readFile((await stored(mission.id)).location)).toEqual(PHOTO);
  }, 60_000);

  it("gives up on a photo WhatsApp no longer has, logging it with its media id; the delivery stands", async () => {
    const { mission, driver } = await atProof("242061234569", "242055500033");
    const before = (await readdir(dir)).length;
    sim.graph.setFault({ kind: "error", status: 404, code: 100, only: "media" });
    await sendPhoto(driver);
    await driver.expect("livrée", 5_000);
    const gaveUp = await vi.waitFor(() => {
      const entry = logged.find((l) => l.level === "error" && l.fields?.reference === mission.reference);
      if (!entry) throw new Error("not given up yet");
      return entry;
    }, WAIT);
    sim.graph.setFault(undefined);
    expect(gaveUp.message).toContain("its media id is kept");
    expect(gaveUp.fields?.mediaId).toMatch(/^\d+$/);
    expect((await sim.bot.backend.missions.get(mission.id))?.status).toBe("delivered");
    expect(await sim.bot.dispatcher?.storedProof(mission.id)).toBeUndefined();
    expect((await readdir(dir)).length).toBe(before);
  }, 60_000);
});
