import type { FormData } from "undici";
import type { CallOptions } from "../client/transport.js";
import {
  businessAccount,
  callOptions,
  type GraphContext,
  type GraphPage,
  type ListOptions,
  listParams,
  pageOf,
  query,
  successOf,
} from "./graph-context.js";

// The request shapes every management resource (templates, Flows, QR codes,
// blocked users, the business profile…) sends the same way: one place decides
// how a read, a delete, a list and a file upload reach the transport, so a
// change to paging or per-call options is made once.

/** Reads a Graph node (GET, no body); a read is always safe to retry. */
export function getNode<T>(ctx: GraphContext, path: string, options: CallOptions): Promise<T> {
  return ctx.transport.call<T>("GET", path, undefined, callOptions(options));
}

/**
 * Reads the first item of a GET answered as `{ data: [item] }` (a QR code by
 * its id, the business profile, the registered key): `undefined` when Graph
 * listed nothing or something that is not an object.
 */
export async function getFirst(
  ctx: GraphContext,
  path: string,
  options: CallOptions,
): Promise<Record<string, unknown> | undefined> {
  const res = await getNode<{ data?: unknown }>(ctx, path, options);
  const first: unknown = Array.isArray(res.data) ? res.data[0] : undefined;
  return typeof first === "object" && first !== null ? (first as Record<string, unknown>) : undefined;
}

/** Deletes what `path` names; Graph answers `{ success: true }`. */
export async function deleteNode(ctx: GraphContext, path: string, options: CallOptions): Promise<{ success: boolean }> {
  return successOf(await ctx.transport.call("DELETE", path, undefined, callOptions(options)));
}

/**
 * Lists `path` (a node's edge) one page at a time: `params` are the edge's own
 * filters, `limit` and `after` come from `options` (checked here).
 */
export async function listPath<T>(
  ctx: GraphContext,
  path: string,
  params: Record<string, string | number | undefined>,
  options: ListOptions,
  map: (item: Record<string, unknown>) => T,
): Promise<GraphPage<T>> {
  const { limit, after } = listParams(options);
  return pageOf(await getNode(ctx, `${path}${query({ ...params, limit, after })}`, options), map);
}

// async so that a missing business account id rejects like every other bad input, never throws.
/** Lists an edge of the business account (`message_templates`, `flows`…), as {@link listPath}. */
export async function listEdge<T>(
  ctx: GraphContext,
  edge: string,
  params: Record<string, string | number | undefined>,
  options: ListOptions,
  map: (item: Record<string, unknown>) => T,
): Promise<GraphPage<T>> {
  return listPath(ctx, `/${businessAccount(ctx)}/${edge}`, params, options, map);
}

/**
 * Uploads a multipart form that leaves the same state when sent twice (a key,
 * a Flow's JSON asset), so an ambiguous failure is retried.
 */
export function postForm<T>(ctx: GraphContext, path: string, form: FormData, options: CallOptions): Promise<T> {
  return ctx.transport.call<T>("POST", path, form, callOptions(options), true);
}
