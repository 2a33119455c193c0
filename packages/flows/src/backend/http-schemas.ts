import { z } from "zod";
import { allMissionStatuses, allOrderStatuses, paymentMethods, proofKinds, roles } from "../domain.js";

// Response schemas of the REST API in openapi/backend.yaml: answers are checked at the
// boundary so a backend bug surfaces as a typed error, not as undefined deep in a flow.
const place = z.object({
  address: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
});
const role = z.enum(roles);
const missionStatus = z.enum(allMissionStatuses);
const orderStatus = z.enum(allOrderStatuses);
const change = <S extends z.ZodType>(status: S) =>
  z.object({
    status,
    at: z.string(),
    location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  });

export const userSchema = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string(),
  role,
  businessName: z.string().optional(),
  merchantId: z.string().optional(),
  businessCategoryId: z.string().optional(),
  businessAddress: z.string().optional(),
  createdAt: z.string(),
});

export const missionProofSchema = z.object({
  kind: z.enum(proofKinds),
  at: z.string(),
  mediaId: z.string().optional(),
  location: z.string().optional(),
});

export const missionSchema = z.object({
  id: z.string(),
  reference: z.string(),
  clientPhone: z.string(),
  clientName: z.string().optional(),
  pickup: place,
  destination: place,
  parcelValue: z.number().int(),
  description: z.string(),
  recipient: z.object({ name: z.string(), phone: z.string() }),
  orderReference: z.string().optional(),
  payment: z.enum(paymentMethods).optional(),
  paymentReference: z.string().optional(),
  price: z.number().int(),
  status: missionStatus,
  driver: z.object({ id: z.string(), name: z.string(), phone: z.string(), vehicle: z.string().optional() }).optional(),
  history: z.array(change(missionStatus)),
  createdAt: z.string(),
  scheduledAt: z.string().optional(),
  proof: missionProofSchema.optional(),
});

export const quoteSchema = z.object({ price: z.number().int(), distanceKm: z.number().optional() });

export const orderSchema = z.object({
  id: z.string(),
  reference: z.string(),
  clientPhone: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  items: z.array(
    z.object({ productId: z.string(), name: z.string(), unitPrice: z.number().int(), quantity: z.number().int() }),
  ),
  subtotal: z.number().int(),
  deliveryFee: z.number().int(),
  total: z.number().int(),
  address: place,
  payment: z.enum(paymentMethods),
  paymentReference: z.string().optional(),
  status: orderStatus,
  history: z.array(change(orderStatus)),
  createdAt: z.string(),
  scheduledAt: z.string().optional(),
});

export const categorySchema = z.object({ id: z.string(), name: z.string(), emoji: z.string() });

export const merchantSchema = z.object({
  id: z.string(),
  name: z.string(),
  categoryId: z.string(),
  address: z.string(),
  phone: z.string(),
  deliveryFee: z.number().int(),
  catalogId: z.string().optional(),
});

export const productSchema = z.object({
  id: z.string(),
  merchantId: z.string(),
  name: z.string(),
  price: z.number().int(),
  imageUrl: z.string(),
  description: z.string().optional(),
  retailerId: z.string().optional(),
});
