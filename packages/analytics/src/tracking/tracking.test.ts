import { describe, expect, it } from "vitest";
import { AnalyticsClosedError, AnalyticsValidationError } from "../errors.js";
import { MemoryStore } from "../stores/memory/memory-store.js";
import type { AnalyticsStore } from "../stores/store.js";
import { EventBuffer, type EventChunk, EventKind } from "./events.js";
import { LiveMetrics, OTHER } from "./live-metrics.js";
import { Tracker } from "./tracker.js";

describe("EventBuffer", () => {
  it("hands a full chunk over by itself and keeps the columns of each event", () => {
    const full: EventChunk[] = [];
    const b = new EventBuffer(3, (c) => full.push(c));
    b.push(EventKind.Conversion, 10, "u1", "order_completed", null, 5000, { zone: "Bacongo" }, "shop-1");
    b.pushMessage(11, "u2", "text", null);
    expect(full).toHaveLength(0);
    b.push(EventKind.FunnelStep, 12, "u1", "courier", "pickup", 0, null, "shop-2");
    expect(full).toHaveLength(1);
    const c = full[0] as EventChunk;
    expect(c.length).toBe(3);
    expect([...c.kind]).toEqual([EventKind.Conversion, EventKind.Message, EventKind.FunnelStep]);
    expect([...c.value]).toEqual([5000, 0, 0]);
    expect(c.meta).toEqual([{ zone: "Bacongo" }, null, null]);
    expect(c.company).toEqual(["shop-1", null, "shop-2"]);
    expect(b.size).toBe(0);
  });

  it("drains a partial chunk as a right-sized copy and leaves no stale cell for the next message", () => {
    const b = new EventBuffer(8, () => {});
    expect(b.drain()).toBeNull();
    b.push(EventKind.Error, 1, "u", "TypeError", "boom", 7, { flow: "courier" }, "shop-1");
    const out = b.drain();
    expect(out?.length).toBe(1);
    expect(out?.kind).toHaveLength(1);
    expect(out?.b).toEqual(["boom"]);
    // pushMessage writes only kind/at/user/a: the error's b, value and meta must not leak into it.
    b.pushMessage(2, "v", "image", null);
    const next = b.drain();
    expect(next).toMatchObject({ length: 1, user: ["v"], company: [null], a: ["image"], b: [null], meta: [null] });
    expect([...(next as EventChunk).value]).toEqual([0]);
  });
});

describe("LiveMetrics", () => {
  it("folds new label values into _other past maxSeries, keeping every count", () => {
    const m = new LiveMetrics(2);
    m.inc(m.messages, "text");
    m.inc(m.messages, "image");
    m.inc(m.messages, "audio");
    m.inc(m.messages, "video", 2);
    m.inc(m.messages, "text");
    expect(Object.fromEntries([...m.messages].map(([k, c]) => [k, c.n]))).toEqual({ text: 2, image: 1, [OTHER]: 3 });
  });

  it("buckets response times (non-cumulative) and expires idle open sessions", () => {
    const m = new LiveMetrics(10);
    m.observe("webhook", 0.04);
    m.observe("webhook", 0.3);
    m.observe("webhook", 60);
    const h = m.responses.get("webhook");
    expect(h?.count).toBe(3);
    expect([...(h?.buckets ?? [])]).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0]);
    m.open.set("a", { role: "client", lastSeen: 0 });
    m.open.set("b", { role: "livreur", lastSeen: 900 });
    expect(Object.fromEntries(m.activeByRole(1000, 500))).toEqual({ livreur: 1 });
    expect(m.open.has("a")).toBe(false);
  });
});

describe("Tracker", () => {
  function tracker(store: AnalyticsStore = new MemoryStore()) {
    const clock = { now: 1_000 };
    return { t: new Tracker({ store, now: () => clock.now, bufferSize: 4 }), clock };
  }

  it("hands events to the store in batches of bufferSize and on sync()", async () => {
    const chunks: EventChunk[] = [];
    const store = new MemoryStore();
    const spy: AnalyticsStore = Object.assign(Object.create(store), {
      append: (c: EventChunk) => {
        chunks.push(c);
        store.append(c);
      },
    });
    const { t } = tracker(spy);
    for (let i = 0; i < 5; i++) t.trackMessage("242061234567", "text");
    expect(chunks.map((c) => c.length)).toEqual([4]);
    await t.sync();
    expect(chunks.map((c) => c.length)).toEqual([4, 1]);
    await t.close();
  });

  it("refuses bad input before buffering anything, naming the field", async () => {
    const { t } = tracker();
    const field = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return AnalyticsValidationError.isInstance(e) ? e.field : "not a validation error";
      }
      return "no error";
    };
    expect(field(() => t.trackSessionStart("u", "admin" as "client"))).toBe("role");
    expect(field(() => t.trackConversion("u", "order", 99.5))).toBe("value");
    expect(field(() => t.trackConversion("u", "order", 100, { nested: {} as unknown as string }))).toBe(
      "metadata.nested",
    );
    expect(field(() => t.trackFunnelStep("u", "courier", ""))).toBe("step");
    expect(field(() => t.trackMessage("u", "x".repeat(129)))).toBe("type");
    expect(field(() => t.trackResponseTime(Number.NaN))).toBe("ms");
    expect(field(() => t.trackError(new Error("x"), [] as unknown as Record<string, string>))).toBe("context");
    expect(field(() => t.trackMessage("u", "text", { companyId: "" }))).toBe("options.companyId");
    expect(field(() => t.trackSessionStart("u", "client", { companyId: 42 as unknown as string }))).toBe(
      "options.companyId",
    );
    await t.close();
    expect(() => t.trackMessage("u", "text")).toThrow(AnalyticsClosedError);
  });

  it("links an error to the user of its context and truncates long messages", async () => {
    const store = new MemoryStore();
    const { t } = tracker(store);
    t.trackError(new RangeError("m".repeat(600)), { user: "242061234567" });
    await t.sync();
    const [top] = await store.topErrors(1, { from: 0, to: 2_000 });
    expect(top).toMatchObject({ name: "RangeError", count: 1 });
    expect(top?.message).toHaveLength(500);
    expect(await store.activeUsers({ from: 0, to: 2_000 })).toBe(1);
    await t.close();
  });
});
