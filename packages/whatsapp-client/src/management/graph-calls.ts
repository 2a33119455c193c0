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

// The three request shapes every management resource (templates, Flows…)
// sends the same way: one place decides how a read, a delete and a list of
// the business account's edge reach the transport, so a change to paging or
// per-call options is made once.

/** Reads a Graph node (GET, no body); a read is always safe to retry. */
export function getNode<T>(ctx: GraphContext, path: string, options: CallOptions): Promise<T> {
  return ctx.transport.call<T>("GET", path, undefined, callOptions(options));
}

/** Deletes what `path` names; Graph answers `{ success: true }`. */
export async function deleteNode(ctx: GraphContext, path: string, options: CallOptions): Promise<{ success: boolean }> {
  return successOf(await ctx.transport.call("DELETE", path, undefined, callOptions(options)));
}

/**
 * Lists an edge of the business account (`message_templates`, `flows`…) one page at a time:
 * `params` are the edge's own filters, `limit` and `after` come from `options` (checked here).
 */
export async function listEdge<T>(
  ctx: GraphContext,
  edge: string,
  params: Record<string, string | number | undefined>,
  options: ListOptions,
  map: (item: Record<string, unknown>) => T,
): Promise<GraphPage<T>> {
  const waba = businessAccount(ctx);
  const { limit, after } = listParams(options);
  return pageOf(await getNode(ctx, `/${waba}/${edge}${query({ ...params, limit, after })}`, options), map);
}
