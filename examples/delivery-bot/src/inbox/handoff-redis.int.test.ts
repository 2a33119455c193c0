// Human handoff on Redis across processes (issue 22): two bot processes share sessions, the inbox
// and its events; of two operators taking at once on two processes one wins; a restart during a
// takeover keeps it (the bot stays silent, the inbox still gets the customer's messages).
import { randomInt } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { deliver, inboxApi, openEvents, operatorToken, SECRET } from "./test-support.ts";

describeWithRedis("human handoff across processes on Redis", () => {
  const waId = `2420${randomInt(10_000_000, 99_999_999)}`;
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
    await redis.del(`toktok:inbox:{${waId}}:lines`, `toktok:inbox:{${waId}}:meta`);
    await redis.zrem("toktok:inbox:recent", waId);
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
});
