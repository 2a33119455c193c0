// The durable delivery path as a customer sees it: replies survive Graph outages, throttling and
// crashes, arrive once and in order, and a customer never waits on another one.
import { WhatsAppApiError, WhatsAppNetworkError, WhatsAppTimeoutError } from "@toktok/whatsapp-client";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { AnalyticsSink } from "../engine/analytics.js";
import { createFlowEngine, type FlowEngineOptions } from "../engine/engine.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { fr } from "../i18n/fr.js";
import type { InboundMessage } from "../messaging/inbound.js";
import { MemorySessionStore } from "../sessions/memory-store.js";
import { FlakyMessenger, ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger, textOf } from "../testing/recording-messenger.js";
import { MemoryJobQueue } from "./memory-job-queue.js";
import { MemoryMailbox } from "./memory-mailbox.js";
import type { OutboxEntry } from "./types.js";

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const ALICE = "242061111111";
const BOB = "242062222222";

const graphDown = () => new WhatsAppApiError({ status: 503, code: 0, message: "Service Unavailable" });
const throttled = (retryAfterMs = 30_000) =>
  new WhatsAppApiError({ status: 429, code: 130429, message: "Rate limit hit", retryAfterMs });
const undeliverable = () => new WhatsAppApiError({ status: 400, code: 131026, message: "Message undeliverable" });
/** A timeout after the request was written, as the client reports a send: WhatsApp may have delivered it. */
const timeoutAfterWrite = () => new WhatsAppTimeoutError(10_000, { ambiguous: true, retryable: false });

let seq = 0;
const text = (from: string, body: string): InboundMessage => ({
  id: `wamid.in.${++seq}`,
  from,
  message: { type: "text", text: body },
});

// The conversation runs on a fixed clock so that moving the delivery clock (retry times, leases)
// never expires a session.
const engineWith = (options: Omit<FlowEngineOptions, "flows">) =>
  createFlowEngine({ flows: [courierFlow({ backend: new MemoryBackend() })], now: () => T0, ...options });

/** Fakes only `Date`, the clock of retry times and leases; timers stay real. */
function fakeDeliveryClock(): ManualJobQueue {
  vi.useFakeTimers({ toFake: ["Date"], now: T0 });
  return new ManualJobQueue((ms) => vi.setSystemTime(Date.now() + ms));
}

/** What each customer reads when nothing goes wrong: the replies of a healthy run, by user. */
async function healthyTranscript(messages: readonly InboundMessage[]): Promise<Record<string, string[]>> {
  const messenger = new RecordingMessenger();
  const engine = engineWith({ messenger });
  for (const m of messages) await engine.handle(m);
  return byUser(messenger);
}

function byUser(messenger: RecordingMessenger): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of messenger.sent) out[m.to] = [...(out[m.to] ?? []), textOf(m)];
  return out;
}

const replyTexts = (entries: OutboxEntry[] | undefined) =>
  (entries ?? []).flatMap((e) => (e.kind === "reply" ? [textOf(e.reply)] : []));

afterEach(() => {
  vi.useRealTimers();
});

describe("durable delivery", () => {
  it("keeps every reply while Graph answers 503 and, once it is back, delivers each reply of each message once, in order", async () => {
    const messages = [
      text(ALICE, "Bonjour"),
      text(BOB, "envoyer un colis"),
      text(ALICE, "envoyer un colis"),
      text(BOB, "Poto-Poto"),
      text(ALICE, "Poto-Poto"),
    ];
    const expected = await healthyTranscript(messages);
    const messenger = new FlakyMessenger();
    const recover = messenger.failWhen(() => true, graphDown());
    const store = new MemorySessionStore();
    const mailbox = new MemoryMailbox();
    const jobs = new MemoryJobQueue();
    const engine = engineWith({ messenger, store, mailbox, jobs, delivery: { retryBaseMs: 2, retryMaxMs: 10 } });

    await engine.accept(messages);
    await vi.waitFor(() => expect(messenger.failures).toBeGreaterThanOrEqual(6));
    expect(messenger.sent).toEqual([]);
    // Each customer's first turn is decided and kept; their later messages wait behind it.
    expect(replyTexts((await store.load(ALICE))?.session.outbox)).toEqual(expected[ALICE]?.slice(0, 2));
    expect(replyTexts((await store.load(BOB))?.session.outbox)).toEqual(expected[BOB]?.slice(0, 1));
    expect(mailbox.size).toBe(3);

    recover();
    await vi.waitFor(async () => {
      expect(mailbox.size).toBe(0);
      expect((await store.load(ALICE))?.session.outbox).toBeUndefined();
      expect((await store.load(BOB))?.session.outbox).toBeUndefined();
    });
    await jobs.whenIdle();
    expect(byUser(messenger)).toEqual(expected);
    const replies = Object.values(expected).flat().length;
    expect(engine.stats()).toMatchObject({ accepted: 5, handled: 5, sent: replies, deadLetters: 0 });
    expect(engine.stats().retries).toBe(messenger.failures);
  });

  it("honours a 429's Retry-After of 30 s: the retry is scheduled at 30 000 ms, nothing goes out earlier, no message is lost", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    messenger.failWhen(() => true, throttled(30_000), 1);
    const engine = engineWith({ messenger, jobs });

    const first = await engine.handle(text(ALICE, "envoyer un colis"));
    expect(first).toMatchObject({ status: "handled", sent: [] });
    expect(jobs.scheduled).toEqual([{ key: ALICE, delayMs: 30_000 }]);

    // A message arriving during the wait is recorded, queued behind, and does not bring the retry forward.
    vi.setSystemTime(T0 + 10_000);
    const second = await engine.handle(text(ALICE, "Poto-Poto"));
    expect(second.status).toBe("queued");
    expect(jobs.scheduled.at(-1)).toEqual({ key: ALICE, delayMs: 20_000 });

    vi.setSystemTime(T0 + 29_999);
    expect(await jobs.run(ALICE)).toEqual({ retryInMs: 1 });
    expect(messenger.attempts).toHaveLength(1);

    vi.setSystemTime(T0 + 30_000);
    expect(await jobs.run(ALICE)).toBeUndefined();
    const texts = messenger.to(ALICE).map(textOf);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("Étape 1/6");
    expect(texts[1]).toContain("Étape 2/6");
    expect(engine.stats()).toMatchObject({ handled: 2, sent: 2, retries: 1 });
  });

  it("when the second of two replies fails, sends only the second again", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    messenger.failWhen((_, reply) => reply.type === "list", graphDown(), 1);
    const engine = engineWith({ messenger, jobs, delivery: { retryBaseMs: 1_000, retryMaxMs: 1_000 } });

    const greeted = await engine.handle(text(ALICE, "Bonjour"));
    expect(greeted.replies).toHaveLength(2);
    expect(greeted.sent).toHaveLength(1);
    expect(messenger.to(ALICE).map((m) => m.type)).toEqual(["text"]);

    await jobs.runAll();
    expect(messenger.to(ALICE).map((m) => m.type)).toEqual(["text", "list"]);
    expect(messenger.attempts.map((a) => a.outcome)).toEqual(["sent", "failed", "sent"]);
  });

  it("gives up a reply on a permanent error: a dead letter, onDeadLetter told, and the lost question asked again", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    const deadLetters: Array<{ userId: string; entry: OutboxEntry; error: unknown }> = [];
    const engine = engineWith({
      messenger,
      jobs,
      delivery: { onDeadLetter: (userId, entry, error) => deadLetters.push({ userId, entry, error }) },
    });
    await engine.handle(text(ALICE, "envoyer un colis"));

    const error = undeliverable();
    const recover = messenger.failFor(ALICE, error);
    const lost = await engine.handle(text(ALICE, "Poto-Poto"));
    recover();
    expect(lost).toMatchObject({ status: "handled", sent: [] });
    expect(engine.stats().deadLetters).toBe(1);
    expect(deadLetters).toEqual([{ userId: ALICE, entry: expect.objectContaining({ kind: "reply" }), error }]);
    expect(jobs.scheduled).toEqual([]);

    // She never saw « Étape 2/6 »: her next message is not its answer, the question comes again.
    const again = await engine.handle(text(ALICE, "Bacongo"));
    expect(again.sent).toHaveLength(again.replies.length);
    const said = again.replies.map(textOf).join("\n");
    expect(said).toContain(fr.engine.replyLost);
    expect(said).toContain("Étape 2/6");
    const answered = await engine.handle(text(ALICE, "Bacongo"));
    expect(answered.replies.map(textOf).join("\n")).toContain("Étape 3/6");
  });

  it("sends again a reply whose send timed out after the request went out (ambiguous: resend, the default)", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    messenger.failWhen(() => true, timeoutAfterWrite(), 1);
    const engine = engineWith({ messenger, jobs });

    const result = await engine.handle(text(ALICE, "envoyer un colis"));
    expect(result.sent).toEqual([]);
    expect(jobs.scheduled).toHaveLength(1);
    await jobs.runAll();
    expect(messenger.attempts.map((a) => a.outcome)).toEqual(["failed", "sent"]);
    expect(messenger.attempts[0]?.text).toBe(messenger.attempts[1]?.text);
    expect(engine.stats()).toMatchObject({ ambiguous: 1, retries: 1, sent: 1 });
  });

  it("with ambiguous: assume-sent, counts a timed-out send as sent and never repeats it", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    messenger.failWhen(() => true, timeoutAfterWrite(), 1);
    const engine = engineWith({ messenger, jobs, delivery: { ambiguous: "assume-sent" } });

    await engine.handle(text(ALICE, "envoyer un colis"));
    expect(jobs.scheduled).toEqual([]);
    expect(messenger.attempts.map((a) => a.outcome)).toEqual(["failed"]);
    expect(engine.stats()).toMatchObject({ ambiguous: 1, retries: 0, sent: 0 });
    // The conversation goes on from the question WhatsApp probably delivered.
    const next = await engine.handle(text(ALICE, "Poto-Poto"));
    expect(next.replies.map(textOf).join("\n")).toContain("Étape 2/6");
  });

  it("keeps a customer's messages behind their own blocked reply, and answers other customers at once", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    const recover = messenger.failFor(ALICE, graphDown());
    const engine = engineWith({ messenger, jobs });

    expect((await engine.handle(text(ALICE, "envoyer un colis"))).sent).toEqual([]);
    expect((await engine.handle(text(ALICE, "Poto-Poto"))).status).toBe("queued");
    const bob = await engine.handle(text(BOB, "envoyer un colis"));
    expect(bob).toMatchObject({ status: "handled" });
    expect(bob.sent).toHaveLength(1);

    recover();
    await jobs.runAll();
    const alice = messenger.to(ALICE).map(textOf);
    expect(alice).toHaveLength(2);
    expect(alice[0]).toContain("Étape 1/6");
    expect(alice[1]).toContain("Étape 2/6");
  });

  it("accept() refuses a redelivery, counts it, and still schedules the customer", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    const engine = engineWith({ messenger, jobs });
    const hello = text(ALICE, "Bonjour");

    await engine.accept([hello]);
    await engine.accept([hello]);
    expect(engine.stats()).toMatchObject({ accepted: 1, redeliveriesRefused: 1 });
    expect(jobs.scheduled).toEqual([
      { key: ALICE, delayMs: 0 },
      { key: ALICE, delayMs: 0 },
    ]);
    await jobs.runAll();
    // Meta redelivers after the turn too (a lost 200): still answered once.
    await engine.accept([hello]);
    await jobs.runAll();
    expect(engine.stats()).toMatchObject({ accepted: 1, redeliveriesRefused: 2, handled: 1 });
    expect(messenger.to(ALICE)).toHaveLength(2);
  });

  it("answers a message delivered twice at the same moment once, and says which call handled it", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    const engine = engineWith({ messenger, jobs });
    const hello = text(ALICE, "envoyer un colis");

    const results = await Promise.all([engine.handle(hello), engine.handle({ ...hello })]);
    expect(results.map((r) => r.status).sort()).toEqual(["duplicate", "handled"]);
    expect(results.find((r) => r.status === "handled")?.sent).toHaveLength(1);
    expect(messenger.sent).toHaveLength(1);
  });

  it("a store failure between commit and ack: the replies still go out once, the message is not handled twice", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    const mailbox = new MemoryMailbox();
    let ackFails = 1;
    const flakyMailbox = {
      append: mailbox.append.bind(mailbox),
      peek: mailbox.peek.bind(mailbox),
      ack: async (userId: string, id: string) => {
        if (ackFails-- > 0) throw new Error("Connection is closed.");
        await mailbox.ack(userId, id);
      },
    };
    const engine = engineWith({ messenger, jobs, mailbox: flakyMailbox });

    await expect(engine.handle(text(ALICE, "envoyer un colis"))).rejects.toThrow("Connection is closed.");
    expect(messenger.sent).toEqual([]);
    expect(jobs.scheduled).toEqual([{ key: ALICE, delayMs: 0 }]);
    await jobs.runAll();
    expect(messenger.to(ALICE).map(textOf)).toEqual([expect.stringContaining("Étape 1/6")]);
    // At once: the replies are this process's own, so it does not wait out their lease.
    expect(Date.now() - T0).toBeLessThan(1_000);
    expect(engine.stats()).toMatchObject({ handled: 1, sent: 1 });
    expect(mailbox.size).toBe(0);
  });

  it("handles one delivery of 20 customers in parallel, each answered once", async () => {
    const messenger = new FlakyMessenger();
    messenger.delayMs = 50;
    const jobs = new MemoryJobQueue();
    const engine = engineWith({ messenger, jobs });
    const users = Array.from({ length: 20 }, (_, i) => `2420600000${String(i).padStart(2, "0")}`);

    await engine.accept(users.map((u) => text(u, "envoyer un colis")));
    await jobs.whenIdle();
    for (const u of users) expect(messenger.to(u)).toHaveLength(1);
    expect(messenger.maxInFlight).toBeGreaterThan(1);
  });

  it("a process stuck between commit and send: another sends the replies once the lease is over, exactly once", async () => {
    // The delivery clock is fake so the lease ends when the test says, however loaded the machine.
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const store = new MemorySessionStore();
    const mailbox = new MemoryMailbox();
    const stuck = new FlakyMessenger();
    stuck.hang = true;
    const delivery = { leaseMs: 50 };
    const a = engineWith({ messenger: stuck, store, mailbox, delivery });
    const messenger = new FlakyMessenger();
    const bJobs = new MemoryJobQueue();
    const b = engineWith({ messenger, store, mailbox, jobs: bJobs, delivery });

    void a.handle(text(ALICE, "envoyer un colis"));
    await vi.waitFor(() => expect(stuck.attempts).toHaveLength(1));
    expect(replyTexts((await store.load(ALICE))?.session.outbox)).toHaveLength(1);

    // The customer writes again and process B gets it: it keeps off A's replies while A's lease lasts...
    vi.setSystemTime(T0 + 49);
    const next = await b.handle(text(ALICE, "Poto-Poto"));
    expect(next.status).toBe("queued");
    expect(messenger.attempts).toEqual([]);
    // ...then sends them, and answers the new message after them.
    vi.setSystemTime(T0 + 50);
    await vi.waitFor(() => expect(messenger.to(ALICE)).toHaveLength(2));
    await bJobs.whenIdle();
    const texts = messenger.to(ALICE).map(textOf);
    expect(texts[0]).toContain("Étape 1/6");
    expect(texts[1]).toContain("Étape 2/6");
    expect(messenger.attempts).toHaveLength(2);
    expect((await store.load(ALICE))?.session.outbox).toBeUndefined();
  });

  it("records the analytics of a turn even while its replies are blocked", async () => {
    const jobs = fakeDeliveryClock();
    const messenger = new FlakyMessenger();
    messenger.failFor(ALICE, graphDown());
    const tracked: string[] = [];
    const analytics: AnalyticsSink = {
      trackSessionStart: (user) => tracked.push(`session ${user}`),
      trackMessage: (user, type) => tracked.push(`message ${user} ${type}`),
      trackFunnelStep: (user, flow, step) => tracked.push(`funnel ${user} ${flow}/${step}`),
    };
    const engine = engineWith({ messenger, jobs, analytics });

    const result = await engine.handle(text(ALICE, "envoyer un colis"));
    expect(result.sent).toEqual([]);
    expect(tracked).toContain(`session ${ALICE}`);
    expect(tracked).toContain(`message ${ALICE} text`);
    expect(tracked.some((t) => t.startsWith(`funnel ${ALICE} courier/`))).toBe(true);
    // Retrying the replies does not record the turn twice.
    const before = tracked.length;
    await engine.handle(text(ALICE, "Poto-Poto"));
    vi.setSystemTime(Date.now() + 60_000);
    await jobs.run(ALICE);
    expect(tracked.filter((t) => t === `message ${ALICE} text`)).toHaveLength(1);
    expect(tracked.length).toBe(before);
  });

  it("whatever retryable failures Graph answers, each customer reads the healthy transcript, each reply once", async () => {
    const failure = fc.option(
      fc.constantFrom(
        () => graphDown(),
        () => throttled(30_000),
        () => throttled(1_000),
        () => new WhatsAppNetworkError("connection refused"),
      ),
      { nil: undefined, freq: 2 },
    );
    const scripts = [
      [ALICE, "Bonjour"],
      [BOB, "envoyer un colis"],
      [ALICE, "envoyer un colis"],
      [BOB, "Poto-Poto"],
      [ALICE, "Poto-Poto"],
      [BOB, "Bacongo"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(failure, { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), async (plan, batch) => {
        const messages = scripts.map(([user, body]) => text(user, body));
        const expected = await healthyTranscript(messages);
        const jobs = fakeDeliveryClock();
        const messenger = new FlakyMessenger();
        messenger.failPlan(plan.map((make) => make?.()));
        const engine = engineWith({ messenger, jobs });
        for (let i = 0; i < messages.length; i += batch) {
          await engine.accept(messages.slice(i, i + batch));
          await jobs.runAll();
        }
        expect(byUser(messenger)).toEqual(expected);
        expect(engine.stats()).toMatchObject({ handled: messages.length, deadLetters: 0 });
        vi.useRealTimers();
      }),
      { numRuns: 30 },
    );
  });
});
