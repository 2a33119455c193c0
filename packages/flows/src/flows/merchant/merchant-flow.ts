import type { Order, TokTokBackend } from "../../backend/types.js";
import type { OrderStatus } from "../../domain.js";
import { defineFlow, END, type Flow } from "../../engine/types.js";
import { formatXaf } from "../../i18n/format.js";
import { encodePayload } from "../../messaging/payloads.js";
import { clip } from "../../messaging/reply.js";
import type { Notifier } from "../../notifications/types.js";
import { pickOption } from "../shared/choice.js";
import { nothingHere } from "../shared/nothing-here.js";
import { describePlace } from "../shared/place.js";
import { createOrderDelivery } from "./order-delivery.js";

/** What the merchant flow tracks. */
export interface MerchantData {
  merchantId: string;
  orderId: string;
  /** The status the merchant set. */
  done: "confirmed" | "ready" | "cancelled";
  reference: string;
}

/** Options of {@link merchantFlow}. */
export interface MerchantFlowOptions {
  backend: TokTokBackend;
  /** Tells the customer about each status change. */
  notifier?: Pick<Notifier, "notifyOrderStatus">;
}

const open = (o: Order) => o.status === "pending" || o.status === "confirmed";

/** The actions a merchant has on an order in its current status. */
function actionsFor(status: OrderStatus): Array<MerchantData["done"]> {
  if (status === "pending") return ["confirmed", "cancelled"];
  if (status === "confirmed") return ["ready"];
  return [];
}

/**
 * The merchant's side: new orders, confirm (or decline), then mark ready for pickup — which opens the
 * delivery mission drivers see in "Mes missions".
 */
export function merchantFlow(options: MerchantFlowOptions): Flow {
  const { backend, notifier } = options;
  const orders = async (merchantId: string | undefined) =>
    merchantId ? (await backend.orders.list({ merchantId })).filter(open) : [];
  return defineFlow<MerchantData>({
    id: "merchant",
    menuTitle: (t) => t.merchant.menuTitle,
    menuDescription: (t) => t.merchant.menuDescription,
    roles: ["entreprise"],
    progress: false,
    start: async ({ userId }) => {
      const user = await backend.users.findByPhone(userId);
      return user?.merchantId ? { merchantId: user.merchantId } : {};
    },
    steps: [
      {
        id: "pick",
        fills: ["orderId"],
        prompt: async ({ t, data, locale }) => {
          // Nothing to do: a way back to the menu, never a silent step (any message looks again).
          if (!data.merchantId) return nothingHere(t.merchant.noMerchant, t.engine.buttons.menu);
          const list = await orders(data.merchantId);
          if (list.length === 0) return nothingHere(t.merchant.noOrders, t.engine.buttons.menu);
          return {
            type: "list",
            body: t.merchant.listBody(list.length),
            button: t.merchant.listButton,
            sections: [
              {
                rows: list.slice(0, 10).map((o) => ({
                  id: encodePayload("order", o.id),
                  title: clip(o.reference, 24),
                  description: clip(`${t.orderStatus[o.status]} · ${formatXaf(o.total, locale)}`, 72),
                })),
              },
            ],
          };
        },
        parse: async (input, ctx) => {
          const list = await orders(ctx.data.merchantId);
          const id = pickOption(
            input,
            "order",
            list.map((o) => ({ id: o.id, title: o.reference })),
          );
          if (!id) {
            const error = !ctx.data.merchantId
              ? ctx.t.merchant.noMerchant
              : list.length === 0
                ? ctx.t.merchant.noOrders
                : ctx.nlu.explain("choice", ctx.locale);
            return { ok: false, error };
          }
          return { ok: true, set: { orderId: id } };
        },
      },
      {
        id: "action",
        fills: ["done"],
        prompt: async ({ t, data, locale }) => {
          const o = await backend.orders.get(data.orderId ?? "");
          const labels = { confirmed: t.merchant.confirm, ready: t.merchant.ready, cancelled: t.merchant.reject };
          return {
            type: "buttons",
            body: t.merchant.details({
              reference: o?.reference ?? "",
              lines: (o?.items ?? [])
                .map((l) => `• ${t.marketplace.line(l.quantity, l.name, formatXaf(l.unitPrice * l.quantity, locale))}`)
                .join("\n"),
              total: formatXaf(o?.total ?? 0, locale),
              address: describePlace(o?.address, t),
              status: o ? t.orderStatus[o.status] : "",
            }),
            buttons: actionsFor(o?.status ?? "delivered").map((a) => ({
              id: encodePayload("order", a),
              title: labels[a],
            })),
          };
        },
        parse: async (input, ctx) => {
          const current = await backend.orders.get(ctx.data.orderId ?? "");
          const allowed = actionsFor(current?.status ?? "delivered");
          const labels = {
            confirmed: ctx.t.merchant.confirm,
            ready: ctx.t.merchant.ready,
            cancelled: ctx.t.merchant.reject,
          };
          const picked = pickOption(
            input,
            "order",
            allowed.map((a) => ({ id: a, title: labels[a] })),
          );
          if (!picked || !current) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          const status = picked;
          const updated = await backend.orders.updateStatus(current.id, status, { idempotencyKey: ctx.messageId });
          if (status === "ready") {
            await createOrderDelivery(backend, updated, { idempotencyKey: `${ctx.messageId}#delivery` });
          }
          await notifier?.notifyOrderStatus(updated, status).catch(() => undefined);
          return { ok: true, set: { done: status, reference: updated.reference }, goto: END };
        },
      },
    ],
    complete: ({ t, data }) => ({
      type: "text",
      body: t.merchant.done[data.done ?? "confirmed"](data.reference ?? ""),
    }),
  });
}
