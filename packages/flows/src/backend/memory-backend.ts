import {
  isBeforePickup,
  isClosed,
  isOrderBeforePickup,
  type MissionStatus,
  nextMissionStatus,
  type OrderStatus,
  paymentMethods,
} from "../domain.js";
import { ConflictError, FlowsValidationError, NotFoundError } from "../errors.js";
import { brazzavilleDay } from "../i18n/date-text.js";
import { formatReference, quoteCourier } from "./pricing.js";
import { checkProof } from "./proof-check.js";
import { brazzavilleSeed, type SeedData } from "./seed.js";
import type {
  CallOptions,
  Category,
  CourierQuote,
  Driver,
  Merchant,
  Mission,
  NewMission,
  NewOrder,
  NewUser,
  Order,
  Place,
  Product,
  TokTokBackend,
  User,
} from "./types.js";

/** Options of {@link MemoryBackend}. */
export interface MemoryBackendOptions {
  /** Catalogue and users to start with. Default: {@link brazzavilleSeed}. */
  seed?: SeedData;
  /** Clock in epoch ms (references carry the day). Default `Date.now`. */
  now?: () => number;
}

const copy = <T>(v: T): T => structuredClone(v);

const mobileMoney = new Set<string>(paymentMethods.filter((p) => p !== "cash"));

/** A mission's or an order's payment fields: a known method, and a reference only with a Mobile Money one. */
function checkPayment(input: Pick<NewMission, "payment" | "paymentReference">): void {
  if (input.payment !== undefined && !(paymentMethods as readonly string[]).includes(input.payment)) {
    throw new FlowsValidationError("payment", `must be one of ${paymentMethods.join(", ")}`);
  }
  if (input.paymentReference === undefined) return;
  if (input.paymentReference.trim() === "") throw new FlowsValidationError("paymentReference", "must not be empty");
  if (!mobileMoney.has(input.payment ?? "cash")) {
    throw new FlowsValidationError("paymentReference", "goes with a Mobile Money payment only");
  }
}

/**
 * An in-memory {@link TokTokBackend} seeded with a small Brazzaville catalogue: for demos, tests and the simulator.
 * @example
 * const backend = new MemoryBackend();
 * const [restaurants] = await backend.catalogue.categories();
 */
export class MemoryBackend implements TokTokBackend {
  readonly #now: () => number;
  readonly #users = new Map<string, User>();
  readonly #missions = new Map<string, Mission>();
  readonly #orders = new Map<string, Order>();
  readonly #categories: Category[];
  readonly #merchants: Merchant[];
  readonly #products: Product[];
  readonly #idempotent = new Map<string, unknown>();
  readonly #sequences = new Map<string, number>();
  #ids = 0;

  constructor(options: MemoryBackendOptions = {}) {
    const seed = options.seed ?? brazzavilleSeed();
    this.#now = options.now ?? Date.now;
    this.#categories = copy(seed.categories);
    this.#merchants = copy(seed.merchants);
    this.#products = copy(seed.products);
    for (const u of seed.users) this.#users.set(u.phone, copy(u));
  }

  #id(prefix: string): string {
    this.#ids += 1;
    return `${prefix}_${this.#ids.toString(36).padStart(6, "0")}`;
  }

  #reference(prefix: string): string {
    const date = new Date(this.#now());
    const key = `${prefix}-${date.toISOString().slice(0, 10)}`;
    const next = (this.#sequences.get(key) ?? 0) + 1;
    this.#sequences.set(key, next);
    return formatReference(prefix, date, next);
  }

  #once<T>(scope: string, options: CallOptions | undefined, make: () => T): T {
    const key = options?.idempotencyKey === undefined ? undefined : `${scope}:${options.idempotencyKey}`;
    if (key !== undefined && this.#idempotent.has(key)) return copy(this.#idempotent.get(key) as T);
    const value = make();
    if (key !== undefined) this.#idempotent.set(key, copy(value));
    return value;
  }

  readonly users: TokTokBackend["users"] = {
    findByPhone: async (phone) => {
      const u = this.#users.get(phone.replace(/\D/g, ""));
      return u ? copy(u) : undefined;
    },
    create: async (input: NewUser, options) =>
      this.#once("user", options, () => {
        const phone = input.phone.replace(/\D/g, "");
        if (phone.length < 8) throw new FlowsValidationError("phone", "must hold at least 8 digits");
        if (input.name.trim() === "") throw new FlowsValidationError("name", "must not be empty");
        if (this.#users.has(phone)) throw new ConflictError(`a user already exists for this number`);
        const category = input.businessCategoryId;
        if (category !== undefined && !this.#categories.some((c) => c.id === category)) {
          throw new FlowsValidationError("businessCategoryId", "must be the id of a catalogue category");
        }
        const address = input.businessAddress?.trim();
        if (address === "") throw new FlowsValidationError("businessAddress", "must not be empty");
        const user: User = {
          id: this.#id("usr"),
          phone,
          name: input.name.trim(),
          role: input.role,
          ...(input.businessName === undefined ? {} : { businessName: input.businessName }),
          ...(category === undefined ? {} : { businessCategoryId: category }),
          ...(address === undefined ? {} : { businessAddress: address }),
          createdAt: new Date(this.#now()).toISOString(),
        };
        this.#users.set(phone, user);
        return copy(user);
      }),
    update: async (phone, patch) => {
      const u = this.#users.get(phone.replace(/\D/g, ""));
      if (!u) throw new NotFoundError("user", phone);
      if (patch.name.trim() === "") throw new FlowsValidationError("name", "must not be empty");
      u.name = patch.name.trim();
      return copy(u);
    },
  };

  readonly missions: TokTokBackend["missions"] = {
    quote: async (input): Promise<CourierQuote> => quoteCourier(input),
    create: async (input: NewMission, options) =>
      this.#once("mission", options, () => {
        if (!Number.isInteger(input.parcelValue) || input.parcelValue < 0) {
          throw new FlowsValidationError("parcelValue", "must be a non-negative integer (XAF)");
        }
        checkPayment(input);
        const at = new Date(this.#now()).toISOString();
        const mission: Mission = {
          id: this.#id("mis"),
          reference: this.#reference("COUR"),
          ...copy(input),
          price: quoteCourier(input).price,
          status: "pending",
          history: [{ status: "pending", at }],
          createdAt: at,
        };
        this.#missions.set(mission.id, mission);
        return copy(mission);
      }),
    get: async (idOrReference) => {
      const m = this.#findMission(idOrReference);
      return m ? copy(m) : undefined;
    },
    list: async (filter) =>
      [...this.#missions.values()]
        .filter((m) => filter.status === undefined || m.status === filter.status)
        .filter((m) => filter.clientPhone === undefined || m.clientPhone === filter.clientPhone)
        .filter((m) => filter.driverId === undefined || m.driver?.id === filter.driverId)
        .filter((m) => filter.createdOn === undefined || brazzavilleDay(m.createdAt) === filter.createdOn)
        .map(copy),
    accept: async (id, driver: Driver) => {
      const m = this.#mission(id);
      if (m.status !== "pending") throw new ConflictError(`mission ${m.reference} is already ${m.status}`);
      m.driver = copy(driver);
      this.#pushMission(m, "accepted");
      return copy(m);
    },
    updateStatus: async (id, status: MissionStatus, extra) => {
      const m = this.#mission(id);
      if (isClosed(m.status)) {
        throw new ConflictError(`mission ${m.reference} is already ${m.status}`);
      }
      // The timeline is walked one status at a time (a skipped one would show done with no time);
      // cancelling is allowed from anywhere before delivery.
      const next = nextMissionStatus(m.status);
      if (status !== "cancelled" && status !== next) {
        throw new ConflictError(
          `mission ${m.reference} is ${m.status}: the next status is ${next ?? "none"}, not ${status}`,
        );
      }
      this.#pushMission(m, status, extra?.location);
      return copy(m);
    },
    reschedule: async (id, scheduledAt) => {
      const m = this.#mission(id);
      const at = this.#futureInstant(scheduledAt);
      if (!isBeforePickup(m.status)) {
        throw new ConflictError(`mission ${m.reference} is ${m.status}: it can no longer be rescheduled`);
      }
      m.scheduledAt = at;
      return copy(m);
    },
    recordProof: async (id, proof) => {
      const m = this.#mission(id);
      const kept = checkProof(proof);
      if (m.status !== "delivered") {
        throw new ConflictError(`mission ${m.reference} is ${m.status}: only a delivered mission has a proof`);
      }
      m.proof = kept;
      return copy(m);
    },
  };

  /** `scheduledAt` as a normalised ISO instant, after checking it is one and lies in the future. */
  #futureInstant(scheduledAt: string): string {
    const at = Date.parse(scheduledAt);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(scheduledAt) || Number.isNaN(at)) {
      throw new FlowsValidationError("scheduledAt", "must be an ISO 8601 date and time");
    }
    if (at <= this.#now()) throw new FlowsValidationError("scheduledAt", "must be in the future");
    return new Date(at).toISOString();
  }

  #findMission(idOrReference: string): Mission | undefined {
    return this.#missions.get(idOrReference) ?? [...this.#missions.values()].find((m) => m.reference === idOrReference);
  }

  #mission(id: string): Mission {
    const m = this.#findMission(id);
    if (!m) throw new NotFoundError("mission", id);
    return m;
  }

  #pushMission(m: Mission, status: MissionStatus, location?: { latitude: number; longitude: number }): void {
    m.status = status;
    m.history.push({ status, at: new Date(this.#now()).toISOString(), ...(location ? { location } : {}) });
  }

  readonly orders: TokTokBackend["orders"] = {
    create: async (input: NewOrder, options) =>
      this.#once("order", options, () => {
        const merchant = this.#merchants.find((m) => m.id === input.merchantId);
        if (!merchant) throw new NotFoundError("merchant", input.merchantId);
        if (input.items.length === 0) throw new FlowsValidationError("items", "must hold at least one product");
        checkPayment(input);
        const items = input.items.map((line, i) => {
          const p = this.#products.find((x) => x.id === line.productId && x.merchantId === merchant.id);
          if (!p) throw new NotFoundError("product", line.productId);
          if (!Number.isInteger(line.quantity) || line.quantity < 1) {
            throw new FlowsValidationError(`items.${i}.quantity`, "must be a positive integer");
          }
          return { productId: p.id, name: p.name, unitPrice: p.price, quantity: line.quantity };
        });
        const subtotal = items.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
        const at = new Date(this.#now()).toISOString();
        const order: Order = {
          id: this.#id("ord"),
          reference: this.#reference("CMD"),
          clientPhone: input.clientPhone,
          merchantId: merchant.id,
          merchantName: merchant.name,
          items,
          subtotal,
          deliveryFee: merchant.deliveryFee,
          total: subtotal + merchant.deliveryFee,
          address: copy(input.address) as Place,
          payment: input.payment,
          ...(input.paymentReference === undefined ? {} : { paymentReference: input.paymentReference }),
          status: "pending",
          history: [{ status: "pending", at }],
          createdAt: at,
        };
        this.#orders.set(order.id, order);
        return copy(order);
      }),
    get: async (idOrReference) => {
      const o = this.#findOrder(idOrReference);
      return o ? copy(o) : undefined;
    },
    list: async (filter) =>
      [...this.#orders.values()]
        .filter((o) => filter.status === undefined || o.status === filter.status)
        .filter((o) => filter.merchantId === undefined || o.merchantId === filter.merchantId)
        .filter((o) => filter.clientPhone === undefined || o.clientPhone === filter.clientPhone)
        .map(copy),
    updateStatus: async (id, status: OrderStatus) => {
      const o = this.#order(id);
      // Cancelling is allowed from any open status (the customer's own rule, before the delivery
      // starts, is the cancel flow's: `isOrderBeforePickup`); a closed order stays closed.
      if (isClosed(o.status)) {
        throw new ConflictError(`order ${o.reference} is already ${o.status}`);
      }
      o.status = status;
      o.history.push({ status, at: new Date(this.#now()).toISOString() });
      return copy(o);
    },
    reschedule: async (id, scheduledAt) => {
      const o = this.#order(id);
      const at = this.#futureInstant(scheduledAt);
      if (!isOrderBeforePickup(o.status)) {
        throw new ConflictError(`order ${o.reference} is ${o.status}: it can no longer be rescheduled`);
      }
      o.scheduledAt = at;
      return copy(o);
    },
  };

  #findOrder(idOrReference: string): Order | undefined {
    return this.#orders.get(idOrReference) ?? [...this.#orders.values()].find((o) => o.reference === idOrReference);
  }

  #order(idOrReference: string): Order {
    const o = this.#findOrder(idOrReference);
    if (!o) throw new NotFoundError("order", idOrReference);
    return o;
  }

  readonly catalogue: TokTokBackend["catalogue"] = {
    categories: async () => copy(this.#categories),
    merchants: async (categoryId) => copy(this.#merchants.filter((m) => m.categoryId === categoryId)),
    merchant: async (id) => {
      const m = this.#merchants.find((x) => x.id === id);
      return m ? copy(m) : undefined;
    },
    products: async (merchantId) => copy(this.#products.filter((p) => p.merchantId === merchantId)),
    product: async (id) => {
      const p = this.#products.find((x) => x.id === id);
      return p ? copy(p) : undefined;
    },
  };

  /**
   * Syncs a merchant to its Meta commerce catalogue: carts from `catalogId` become orders of this
   * merchant, each line's `product_retailer_id` read as a product's `retailerId` (given here by
   * product id, default the product id itself).
   */
  linkCatalog(merchantId: string, catalogId: string, retailerIds: Readonly<Record<string, string>> = {}): void {
    const merchant = this.#merchants.find((m) => m.id === merchantId);
    if (!merchant) throw new NotFoundError("merchant", merchantId);
    if (catalogId.trim() === "") throw new FlowsValidationError("catalogId", "must not be empty");
    merchant.catalogId = catalogId;
    for (const p of this.#products) {
      if (p.merchantId === merchantId) p.retailerId = retailerIds[p.id] ?? p.retailerId ?? p.id;
    }
  }

  /** Links a business user to the merchant they manage (demo set-up). */
  async assignMerchant(phone: string, merchantId: string): Promise<void> {
    const u = this.#users.get(phone.replace(/\D/g, ""));
    if (!u) throw new NotFoundError("user", phone);
    u.merchantId = merchantId;
  }
}
