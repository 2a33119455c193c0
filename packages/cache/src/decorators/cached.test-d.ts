import { describe, expectTypeOf, it } from "vitest";
import type { RedisCache } from "../redis/cache.js";
import type { TieredCache } from "../redis/tiered.js";
import { TtlCache } from "../ttl-cache/ttl-cache.js";
import type { WrapCache } from "./cached.js";
import { cached } from "./cached.js";
import { memoize } from "./memoize.js";

describe("cached types", () => {
  it("keeps the method's signature and accepts matching key functions", () => {
    class Svc {
      @cached({ ttl: 1000 })
      async a(id: string, page?: number): Promise<string[]> {
        return [id, String(page)];
      }

      @cached({ ttl: 1000, key: (id: string) => id })
      async b(id: string, verbose?: boolean): Promise<number> {
        return verbose ? id.length : 0;
      }

      @cached({ ttl: 1000, cache: new TtlCache<number>({ ttl: 10 }) })
      async c(): Promise<number> {
        return 1;
      }
    }
    expectTypeOf(new Svc().a).toEqualTypeOf<(id: string, page?: number) => Promise<string[]>>();
    expectTypeOf(new Svc().b).parameters.toEqualTypeOf<[id: string, verbose?: boolean]>();
  });

  it("rejects sync methods and key functions that do not fit the arguments", () => {
    class Bad {
      // @ts-expect-error: only async methods can be cached
      @cached({ ttl: 1000 })
      sync(id: string): string {
        return id;
      }

      // @ts-expect-error: key takes a number, the method a string
      @cached({ ttl: 1000, key: (id: number) => String(id) })
      async wrongKey(id: string): Promise<string> {
        return id;
      }
    }
    expectTypeOf(Bad).toBeConstructibleWith();
  });

  it("accepts any of the package's caches as a shared cache", () => {
    expectTypeOf<TtlCache<string>>().toExtend<WrapCache>();
    expectTypeOf<RedisCache<{ id: number }>>().toExtend<WrapCache>();
    expectTypeOf<TieredCache<number[]>>().toExtend<WrapCache>();
  });

  it("memoize returns an async function with the same parameters", () => {
    const m = memoize((a: number, b: string) => `${a}${b}`, { ttl: 1, key: (a, b) => `${a}|${b}` });
    expectTypeOf(m).parameters.toEqualTypeOf<[a: number, b: string]>();
    expectTypeOf(m).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(m.cache).toEqualTypeOf<TtlCache<string>>();
  });
});
