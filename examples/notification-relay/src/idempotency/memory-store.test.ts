import { describe } from "vitest";
import { MemoryIdempotencyStore } from "./memory-store.ts";
import { storeContract } from "./store-contract.ts";

describe("MemoryIdempotencyStore", () => {
  let n = 0;
  storeContract(() => {
    let now = 1_000_000;
    return {
      store: new MemoryIdempotencyStore({ now: () => now }),
      leaseMs: 15_000,
      advance: async (ms) => {
        now += ms;
      },
      id: (name) => `mem-${name}-${++n}`,
    };
  });
});
