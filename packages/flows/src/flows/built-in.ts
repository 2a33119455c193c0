import type { TokTokBackend } from "../backend/types.js";
import type { Flow } from "../engine/types.js";
import type { Notifier } from "../notifications/types.js";
import type { MobileMoneyPayments } from "../payments/mobile-money.js";
import { authFlow } from "./auth/auth-flow.js";
import { cancelFlow } from "./cancel/cancel-flow.js";
import { courierFlow } from "./courier/courier-flow.js";
import type { CourierFormOptions } from "./courier/courier-form.js";
import { type DriverFlowOptions, driverFlow } from "./driver/driver-flow.js";
import { feedbackFlow } from "./feedback/feedback-flow.js";
import type { FeedbackSink } from "./feedback/types.js";
import { marketplaceFlow } from "./marketplace/marketplace-flow.js";
import { merchantFlow } from "./merchant/merchant-flow.js";
import { rescheduleFlow } from "./reschedule/reschedule-flow.js";
import { type TrackingFlowOptions, trackingFlow } from "./tracking/tracking-flow.js";

/** Options of {@link builtInFlows}. */
export interface BuiltInFlowsOptions {
  backend: TokTokBackend;
  /** Sends status notifications when drivers and merchants update missions and orders. */
  notifier?: Notifier;
  /** Let marketplace customers put several products in one order (see `marketplaceFlow`). Default false. */
  marketplaceBasket?: boolean;
  /** The published courier request Flow (see `courierFlow`'s `form`): offered with the first question. */
  courierForm?: CourierFormOptions;
  /** The published merchant sign-up Flow (see `authFlow`'s `form`): offered to a business signing up. */
  merchantForm?: { flowId: string };
  /** The Meta catalogue connected to the WhatsApp number (see `marketplaceFlow`'s `whatsappCatalogId`). */
  whatsappCatalogId?: string;
  /** Collects MTN MoMo and Airtel Money payments for marketplace orders and courier requests. */
  payments?: MobileMoneyPayments;
  /**
   * Dispatch for the driver flow (see `driverFlow`) and the tracking flow (the driver's position and
   * ETA); pair it with `withDispatch(backend, dispatcher)`.
   */
  dispatcher?: DriverFlowOptions["dispatcher"] & TrackingFlowOptions["dispatcher"];
  /** Where customers' ratings of their deliveries go; adds the feedback flow (see `feedbackFlow`). */
  feedback?: FeedbackSink;
}

/**
 * The TokTok flows, in menu order: courier, marketplace, tracking, driver, merchant, auth.
 * Pair them with `authFlow: "auth"` and `identify: identifyWith(backend)` in the engine options.
 * @example
 * const engine = createFlowEngine({ messenger, flows: builtInFlows({ backend }), authFlow: "auth", identify: identifyWith(backend) });
 */
export function builtInFlows(options: BuiltInFlowsOptions): Flow[] {
  const { backend, notifier } = options;
  return [
    courierFlow({
      backend,
      ...(options.payments ? { payments: options.payments } : {}),
      ...(options.courierForm ? { form: options.courierForm } : {}),
    }),
    marketplaceFlow({
      backend,
      ...(notifier ? { notifier } : {}),
      ...(options.marketplaceBasket === undefined ? {} : { basket: options.marketplaceBasket }),
      ...(options.whatsappCatalogId ? { whatsappCatalogId: options.whatsappCatalogId } : {}),
      ...(options.payments ? { payments: options.payments } : {}),
    }),
    trackingFlow({ backend, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) }),
    cancelFlow({ backend, ...(notifier ? { notifier } : {}) }),
    rescheduleFlow({ backend }),
    driverFlow({
      backend,
      ...(notifier ? { notifier } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    }),
    merchantFlow({ backend, ...(notifier ? { notifier } : {}) }),
    authFlow({ backend, ...(options.merchantForm ? { form: options.merchantForm } : {}) }),
    ...(options.feedback ? [feedbackFlow({ backend, sink: options.feedback })] : []),
  ];
}
