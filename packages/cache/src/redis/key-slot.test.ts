import { describe, expect, it } from "vitest";
import { groupBySlot, keySlot } from "./key-slot.js";

describe("keySlot", () => {
  it("matches the Redis Cluster specification's examples", () => {
    // CRC16("123456789") = 0x31C3 (the spec's check value) → slot 12 739.
    expect(keySlot("123456789")).toBe(0x31c3 & 0x3fff);
    expect(keySlot("foo")).toBe(12_182);
    expect(keySlot("bar")).toBe(5_061);
  });

  it("hashes only the first non-empty hash tag", () => {
    expect(keySlot("{user1000}.following")).toBe(keySlot("user1000"));
    expect(keySlot("{user1000}.followers")).toBe(keySlot("{user1000}.following"));
    expect(keySlot("foo{}{bar}")).toBe(keySlot("foo{}{bar}")); // empty first tag: the whole key
    expect(keySlot("foo{}{bar}")).not.toBe(keySlot("bar"));
    expect(keySlot("foo{{bar}}zap")).toBe(keySlot("{bar"));
    expect(keySlot("foo{bar}{zap}")).toBe(keySlot("bar"));
  });

  it("hashes UTF-8 bytes", () => {
    expect(keySlot("é")).toBe(keySlot("{é}"));
    expect(keySlot("café")).not.toBe(keySlot("cafe"));
  });
});

describe("groupBySlot", () => {
  it("puts keys sharing a slot together and no two slots in one group", () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k:${i}`).concat(["{t}a", "{t}b"]);
    const groups = groupBySlot(keys);
    expect(groups.flat().sort()).toEqual([...keys].sort());
    for (const group of groups) expect(new Set(group.map(keySlot)).size).toBe(1);
    expect(groups.find((g) => g.includes("{t}a"))).toContain("{t}b");
  });
});
