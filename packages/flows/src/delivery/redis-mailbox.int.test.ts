import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import type { InboundMessage } from "../messaging/inbound.js";
import { RedisMailbox } from "./redis-mailbox.js";

const prefix = `test:flows-mailbox:${randomUUID()}:`;
let redis: Redis;

const text = (id: string, from: string, body = id): InboundMessage => ({
  id,
  from,
  message: { type: "text", text: body },
});

async function drain(mailbox: RedisMailbox, userId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let head = await mailbox.peek(userId); head; head = await mailbox.peek(userId)) {
    ids.push(head.id);
    await mailbox.ack(userId, head.id);
  }
  return ids;
}

describeWithRedis("RedisMailbox (real Redis)", () => {
  beforeAll(() => {
    redis = new Redis(services().redisUrl, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("gives each user their messages in arrival order, users apart, across deliveries", async () => {
    const mailbox = new RedisMailbox({ client: redis, prefix });
    expect(await mailbox.append([text("a1", "A"), text("b1", "B"), text("a2", "A")])).toBe(3);
    expect(await mailbox.append([text("a3", "A"), text("b2", "B")])).toBe(2);
    expect(await drain(mailbox, "A")).toEqual(["a1", "a2", "a3"]);
    expect(await drain(mailbox, "B")).toEqual(["b1", "b2"]);
    expect(await mailbox.peek("A")).toBeUndefined();
  });

  it("refuses a redelivered id, within a delivery, across deliveries and across processes, even once handled", async () => {
    const one = new RedisMailbox({ client: redis, prefix });
    const other = new Redis(services().redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const two = new RedisMailbox({ client: other, prefix });
      expect(await one.append([text("r1", "C"), text("r1", "C"), text("r2", "C")])).toBe(2);
      expect(await one.append([text("r1", "C")])).toBe(0);
      expect(await two.append([text("r2", "C"), text("r3", "C")])).toBe(1);
      expect(await drain(two, "C")).toEqual(["r1", "r2", "r3"]);
      expect(await one.append([text("r1", "C"), text("r3", "C")])).toBe(0);
      expect(await one.peek("C")).toBeUndefined();
    } finally {
      other.disconnect();
    }
  });

  it("remembers ids for the dedupe window only, and keeps the seen set from growing forever", async () => {
    const mailbox = new RedisMailbox({ client: redis, prefix, dedupeWindowMs: 300 });
    expect(await mailbox.append([text("w1", "W")])).toBe(1);
    await mailbox.ack("W", "w1");
    const ttl = await redis.pttl(`${prefix}inbox-seen:{W}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await mailbox.append([text("w1", "W")])).toBe(1);
  });

  it("acks only the head, and only when its id matches", async () => {
    const mailbox = new RedisMailbox({ client: redis, prefix });
    await mailbox.append([text("k1", "K"), text("k2", "K")]);
    await mailbox.ack("K", "k2");
    await mailbox.ack("other-user", "k1");
    expect((await mailbox.peek("K"))?.id).toBe("k1");
    await mailbox.ack("K", "k1");
    await mailbox.ack("K", "k1");
    expect(await drain(mailbox, "K")).toEqual(["k2"]);
  });

  it("round-trips a message through JSON: accents, emoji, a location, the timestamp and the profile name", async () => {
    const mailbox = new RedisMailbox({ client: redis, prefix });
    const at = new Date("2026-11-21T09:00:00.123Z");
    const location: InboundMessage = {
      id: "wamid.HBgM-é",
      from: "242061234567",
      timestamp: at,
      contactName: "Aïcha Ngoma 🇨🇬",
      message: { type: "location", latitude: -4.2634, longitude: 15.2429, name: "Marché Total", address: "Poto-Poto" },
    };
    const words = text("wamid.2", "242061234567", "Déjà payé 5 000 F à l'hôpital ? 🙏🏾👍 « ça marche » 中文");
    await mailbox.append([location, words]);
    expect(await mailbox.peek("242061234567")).toEqual(location);
    expect((await mailbox.peek("242061234567"))?.timestamp?.getTime()).toBe(at.getTime());
    await mailbox.ack("242061234567", location.id);
    expect(await mailbox.peek("242061234567")).toEqual(words);
    await mailbox.ack("242061234567", words.id);
    expect(await mailbox.peek("242061234567")).toBeUndefined();
  });

  it("acks a message whose text holds a lone UTF-16 surrogate (half an emoji), so the user is not stuck behind it", async () => {
    const mailbox = new RedisMailbox({ client: redis, prefix });
    const broken = text("wamid.half", "S", "merci \ud83d");
    await mailbox.append([broken, text("wamid.next", "S")]);
    expect(await mailbox.peek("S")).toEqual(broken);
    await mailbox.ack("S", broken.id);
    expect((await mailbox.peek("S"))?.id).toBe("wamid.next");
  });

  it("round-trips and acks any text, profile name and id, whatever characters they hold", async () => {
    const mailbox = new RedisMailbox({ client: redis, prefix });
    // Any UTF-16 code unit (lone surrogates, quotes, backslashes, NUL included), and whole emoji.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom("😀", "🇨🇬", "👍🏾", "é", '"', "\\"),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit, maxLength: 12 }),
        fc.string({ unit, maxLength: 200 }),
        fc.string({ unit, maxLength: 40 }),
        async (id, body, name) => {
          // A user per run, so that a run that fails leaves nothing in the way of the next one.
          const user = `P${++n}`;
          const message: InboundMessage = { ...text(id, user, body), contactName: name };
          expect(await mailbox.append([message])).toBe(1);
          expect(await mailbox.peek(user)).toEqual(message);
          await mailbox.ack(user, message.id);
          expect(await mailbox.peek(user)).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
  });
});
