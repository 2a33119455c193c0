// Classes decorated with @cached, compiled by the TypeScript compiler in cached.test.ts (the test runner's own
// transformer does not implement TC39 standard decorators, and users compile with tsc or esbuild anyway).
import { TtlCache } from "../ttl-cache/ttl-cache.js";
import { cached } from "./cached.js";

export class Catalogue {
  calls = 0;
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }

  @cached({ ttl: 60_000 })
  async products(merchant: string, page = 1): Promise<string> {
    this.calls++;
    return `${this.name}:${merchant}:${page}`;
  }

  @cached({ ttl: 60_000, key: (id: number) => `order-${id}` })
  async order(id: number): Promise<{ id: number; by: string }> {
    this.calls++;
    if (id < 0) throw new Error(`bad id ${id}`);
    return { id, by: this.name };
  }

  static loads = 0;

  @cached({ ttl: 60_000 })
  static async config(): Promise<number> {
    Catalogue.loads++;
    return 42;
  }
}

export const shared = new TtlCache<string>({ ttl: 1000 });

export class Svc {
  n = 0;
  @cached({ ttl: 1000, cache: shared, key: (id: string) => id })
  async load(id: string): Promise<string> {
    this.n++;
    return `v-${id}`;
  }
}
