// Human handoff on Redis across processes (issue 22): two bot processes share sessions, the inbox
// and its events; of two operators taking at once on two processes one wins; a restart during a
// takeover keeps it (the bot stays silent, the inbox still gets the customer's messages); both
// processes report the same figures and escalate an unanswered customer once.
import { randomInt } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { deliver, inboxApi, openEvents, operatorToken, SECRET } from "./test-support.ts";

describeWithRedis("human handoff across processes on Redis", () => {
  const waId = `2420${randomInt(10_000_000, 99_999_999)}`;
  const lateWaId = `2420${randomInt(10_000_000, 99_999_999)}`;
  const env = () => ({ REDIS_URL: services().redisUrl, DASHBOARD_JWT_SECRET: SECRET });
  let a: Simulation | undefined;
  let b: Simulation | undefined;
  let awa: string;
  let jean: string;

  beforeAll(async () => {
    a = await startSimulation({ logLevel: "silent", env: env() });
    b = await startSimulation({ logLevel: "silent", env: env() });
    awa = await operatorToken("op-awa", "Awa");
    jean = await operatorToken("op-jean", "Jean");
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    const redis = new Redis(services().redisUrl);
    for (const id of [waId, lateWaId]) {
      const keys = await redis.keys(`toktok:inbox:{${id}}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.zrem("toktok:inbox:recent", id);
    }
    redis.disconnect();
  });

  it("shows the waiting customer on the other process's dashboard; two operators on two processes get one owner", async () => {
    const first = a as Simulation;
    const second = b as Simulation;
    const live = openEvents(second, jean);
    await live.ready;
    await deliver(first, waId, { type: "text", text: { body: "je veux parler à un opérateur" } });
    await expect
      .poll(() => live.events.some((e) => e.type === "waiting" && e.waId === waId), { timeout: 5_000 })
      .toBe(true);
    live.close();
    const [x, y] = await Promise.all([
      inboxApi(first, awa, `/conversations/${waId}/take`, {}),
      inboxApi(second, jean, `/conversations/${waId}/take`, {}),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const owner = x.status === 200 ? "operator:op-awa" : "operator:op-jean";
    expect((await inboxApi(second, awa, `/conversations/${waId}`)).body.conversation).toMatchObject({ owner });
  }, 30_000);

  it("keeps the takeover across a restart: the new process sends nothing and the inbox gets the message", async () => {
    const before = (await inboxApi(b as Simulation, awa, `/conversations/${waId}`)).body.conversation as {
      owner: string;
    };
    await a?.close();
    a = await startSimulation({ logLevel: "silent", env: env() });
    const restarted = a;
    const id = await deliver(restarted, waId, { type: "text", text: { body: "allô, vous êtes là ?" } });
    expect(restarted.graph.messages.filter((m) => m.to === waId)).toHaveLength(0);
    const detail = await inboxApi(restarted, awa, `/conversations/${waId}`);
    expect(detail.body.conversation).toMatchObject({ owner: before.owner });
    expect((detail.body.messages as Array<{ id: string }>).map((m) => m.id)).toContain(id);
  }, 60_000);

  it("reports the same figures on both processes and escalates a customer left waiting once", async () => {
    const first = a as Simulation;
    const second = b as Simulation;
    const figures = async (sim: Simulation) =>
      (await inboxApi(sim, awa, "/figures")).body as { handoffsByTrigger: Record<string, number>; escalations: number };
    const before = await figures(first);
    const live = openEvents(second, jean);
    await live.ready;
    await deliver(first, lateWaId, { type: "text", text: { body: "je veux un humain" } });
    const after = await figures(second);
    expect(after).toEqual(await figures(first));
    expect(after.handoffsByTrigger.asked).toBe((before.handoffsByTrigger.asked ?? 0) + 1);
    // The customer has waited 20 minutes unanswered (the default escalation is at 10): both processes sweep.
    const redis = new Redis(services().redisUrl);
    await redis.hset(`toktok:inbox:{${lateWaId}}:meta`, "since", String(Date.now() - 20 * 60_000));
    redis.disconnect();
    await Promise.all([first.bot.inbox?.sweep(), second.bot.inbox?.sweep(), first.bot.inbox?.sweep()]);
    await expect
      .poll(() => live.events.filter((e) => e.type === "escalated" && e.waId === lateWaId).length, { timeout: 5_000 })
      .toBe(1);
    live.close();
    expect((await figures(second)).escalations).toBe(before.escalations + 1);
    expect((await figures(first)).escalations).toBe(before.escalations + 1);
  }, 30_000);
});
