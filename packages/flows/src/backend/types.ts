import type { MissionStatus, OrderStatus, PaymentMethod, ProofKind, Role } from "../domain.js";

/** A place: a free-text address, a shared GPS point, or both. */
export interface Place {
  address?: string;
  latitude?: number;
  longitude?: number;
}

/** A TokTok user: customer, driver or business. */
export interface User {
  id: string;
  /** WhatsApp ID digits, e.g. `242061234567`. */
  phone: string;
  name: string;
  role: Role;
  /** Business name, for `entreprise` users. */
  businessName?: string;
  /** Merchant the business user manages, when any. */
  merchantId?: string;
  /** Catalogue category (`Category.id`) the business said it sells in, at sign-up. */
  businessCategoryId?: string;
  /** The business's shop address, as given at sign-up. */
  businessAddress?: string;
  createdAt: string;
}

/** Fields to create a user. */
export interface NewUser {
  phone: string;
  name: string;
  role: Role;
  businessName?: string;
  /**
   * For a business signing up (by chat or by a WhatsApp Flow form): the catalogue category
   * (`Category.id`) it sells in. Optional: a backend may ask later.
   */
  businessCategoryId?: string;
  /** For a business signing up: its shop address (free text). Optional. */
  businessAddress?: string;
}

/** The driver assigned to a mission. */
export interface Driver {
  id: string;
  name: string;
  phone: string;
  vehicle?: string;
}

/** One step of a mission's or order's history. */
export interface StatusChange<S extends string> {
  status: S;
  at: string;
  location?: { latitude: number; longitude: number };
}

/** How a mission's delivery is paid, on {@link NewMission} and {@link Mission}. */
export interface MissionPayment {
  /**
   * How the delivery is paid; absent means cash (the driver collects) or not asked. The flows create
   * a Mobile Money mission only after its payment succeeded, so `mtn_momo` or `airtel_money` here means
   * already paid: the driver collects nothing.
   */
  payment?: PaymentMethod;
  /**
   * The payment behind `payment` when paid by Mobile Money — the provider's transaction id, else the
   * payment id the bot gave the provider — so a backend can reconcile it with its own records.
   */
  paymentReference?: string;
}

/**
 * How a mission's delivery was proven, as the backend keeps it ({@link Mission.proof}): recorded when
 * the driver proves the delivery, then again with `location` once the photo is downloaded and kept.
 */
export interface MissionProof {
  /** `code`: the recipient's 4-digit code typed by the driver; `photo`: a photo of the parcel. */
  kind: ProofKind;
  /** When the delivery was proven (ISO instant). */
  at: string;
  /** The WhatsApp media id of the photo (`photo` only); it expires, `location` does not. */
  mediaId?: string;
  /** Where the photo is kept once downloaded (a `ProofStore`'s location: a URL, a path or a key). */
  location?: string;
}

/** A courier request: pick a parcel up and deliver it. */
export interface Mission extends MissionPayment {
  id: string;
  /** Human reference such as `COUR-20261121-061`. */
  reference: string;
  clientPhone: string;
  clientName?: string;
  pickup: Place;
  destination: Place;
  /** Declared parcel value, XAF. */
  parcelValue: number;
  description: string;
  recipient: { name: string; phone: string };
  /** The marketplace order this mission delivers (`CMD-…`), when a shop's order made it. */
  orderReference?: string;
  /** Delivery price, XAF. */
  price: number;
  status: MissionStatus;
  driver?: Driver;
  history: StatusChange<MissionStatus>[];
  createdAt: string;
  /** When the customer wants the pickup (ISO instant), after a reschedule; absent: as soon as possible. */
  scheduledAt?: string;
  /** How the delivery was proven, once it was (with `missions.recordProof`). */
  proof?: MissionProof;
}

/** Fields to create a mission; the backend prices it and gives it a reference. */
export interface NewMission extends MissionPayment {
  clientPhone: string;
  clientName?: string;
  pickup: Place;
  destination: Place;
  parcelValue: number;
  description: string;
  recipient: { name: string; phone: string };
  /** The marketplace order this mission delivers (`CMD-…`). */
  orderReference?: string;
}

/** A price quote for a courier request. */
export interface CourierQuote {
  price: number;
  distanceKm?: number;
}

/** One line of an order. */
export interface OrderItem {
  productId: string;
  name: string;
  unitPrice: number;
  quantity: number;
}

/** A marketplace order. */
export interface Order {
  id: string;
  /** Human reference such as `CMD-20261121-004`. */
  reference: string;
  clientPhone: string;
  merchantId: string;
  merchantName: string;
  items: OrderItem[];
  subtotal: number;
  deliveryFee: number;
  total: number;
  address: Place;
  payment: PaymentMethod;
  /**
   * The Mobile Money payment that paid the order (the payment id the bot gave the provider): present only
   * when the order was created after its payment succeeded, so its delivery collects nothing. Absent for
   * cash, and for a Mobile Money order whose payment was not collected by the bot.
   */
  paymentReference?: string;
  status: OrderStatus;
  history: StatusChange<OrderStatus>[];
  createdAt: string;
  /** When the customer wants the delivery (ISO instant), after a reschedule; absent: as soon as possible. */
  scheduledAt?: string;
}

/** Fields to create an order; the backend prices it from the catalogue. */
export interface NewOrder {
  clientPhone: string;
  merchantId: string;
  items: Array<{ productId: string; quantity: number }>;
  address: Place;
  payment: PaymentMethod;
  /** The Mobile Money payment that paid the order, when the bot collected it before creating the order. */
  paymentReference?: string;
}

/** A catalogue category. */
export interface Category {
  id: string;
  name: string;
  emoji: string;
}

/** A shop. */
export interface Merchant {
  id: string;
  name: string;
  categoryId: string;
  address: string;
  phone: string;
  /** Delivery fee charged on its orders, XAF. */
  deliveryFee: number;
  /** Its Meta commerce catalogue id, when its products are also sold in WhatsApp (carts name it). */
  catalogId?: string;
}

/** A product with its picture and price. */
export interface Product {
  id: string;
  merchantId: string;
  name: string;
  /** XAF, no minor unit. */
  price: number;
  imageUrl: string;
  description?: string;
  /** Its id in the Meta catalogue (`product_retailer_id`); default: `id`. */
  retailerId?: string;
}

/** Per-call options: cancellation and, for writes, an idempotency key. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Same key, same result: a retried create never creates twice. */
  idempotencyKey?: string;
}

/**
 * What the flows need from the TokTok backend. `MemoryBackend` implements it for
 * demos and tests, `HttpBackend` over the REST API of `openapi/backend.yaml`.
 */
export interface TokTokBackend {
  users: {
    findByPhone(phone: string, options?: CallOptions): Promise<User | undefined>;
    create(input: NewUser, options?: CallOptions): Promise<User>;
    /**
     * Changes what a user may change about their account (their name). Optional: without it "Mon
     * compte" does not offer the change.
     */
    update?(phone: string, patch: { name: string }, options?: CallOptions): Promise<User>;
  };
  missions: {
    quote(
      input: { pickup: Place; destination: Place; parcelValue: number },
      options?: CallOptions,
    ): Promise<CourierQuote>;
    create(input: NewMission, options?: CallOptions): Promise<Mission>;
    /** By id or reference. */
    get(idOrReference: string, options?: CallOptions): Promise<Mission | undefined>;
    /** `createdOn` (`YYYY-MM-DD`, Brazzaville day) keeps the missions created that day. */
    list(
      filter: { status?: MissionStatus; clientPhone?: string; driverId?: string; createdOn?: string },
      options?: CallOptions,
    ): Promise<Mission[]>;
    /** Assigns the driver; fails with `ConflictError` when another driver was faster. */
    accept(id: string, driver: Driver, options?: CallOptions): Promise<Mission>;
    updateStatus(
      id: string,
      status: MissionStatus,
      extra?: { location?: { latitude: number; longitude: number } },
      options?: CallOptions,
    ): Promise<Mission>;
    /**
     * Moves the pickup to `scheduledAt` (an ISO instant in the future) while the parcel is not picked
     * up yet (`pending`, `accepted`, `pickup_arrived`); `ConflictError` after that. Optional: a backend
     * without it offers no rescheduling.
     */
    reschedule?(id: string, scheduledAt: string, options?: CallOptions): Promise<Mission>;
    /**
     * Keeps how a delivered mission was proven (replacing what was kept: the photo's `location` comes
     * after its media id); `ConflictError` for a mission not delivered, a validation error naming the
     * field for a photo without `mediaId` or a malformed `at`. Optional: without it the proof stays in
     * the bot (`Dispatcher.storedProof`).
     */
    recordProof?(id: string, proof: MissionProof, options?: CallOptions): Promise<Mission>;
  };
  orders: {
    create(input: NewOrder, options?: CallOptions): Promise<Order>;
    get(idOrReference: string, options?: CallOptions): Promise<Order | undefined>;
    list(
      filter: { status?: OrderStatus; merchantId?: string; clientPhone?: string },
      options?: CallOptions,
    ): Promise<Order[]>;
    updateStatus(id: string, status: OrderStatus, options?: CallOptions): Promise<Order>;
    /**
     * Moves the delivery to `scheduledAt` (an ISO instant in the future) while the goods are still at
     * the shop (`pending`, `confirmed`, `ready`); `ConflictError` once the order is `in_delivery` or
     * closed, a validation error naming `scheduledAt` for a past or malformed time. Optional: a
     * backend without it offers no rescheduling of orders.
     */
    reschedule?(id: string, scheduledAt: string, options?: CallOptions): Promise<Order>;
  };
  catalogue: {
    categories(options?: CallOptions): Promise<Category[]>;
    merchants(categoryId: string, options?: CallOptions): Promise<Merchant[]>;
    merchant(id: string, options?: CallOptions): Promise<Merchant | undefined>;
    products(merchantId: string, options?: CallOptions): Promise<Product[]>;
    product(id: string, options?: CallOptions): Promise<Product | undefined>;
  };
}
