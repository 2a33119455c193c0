// The Graph stand-in's `/{phone-number-id}/block_users` edge, per Meta's block-users reference: POST
// blocks and DELETE unblocks (body `{ messaging_product, block_users: [{ user }] }`); GET lists the
// blocked users' ids a page at a time (`limit`, the `after` cursor, `paging.next` while more remain).
import type { IncomingMessage } from "node:http";

/** Writes a JSON answer. */
type Answer = (status: number, body: unknown) => void;

const GRAPH_PARAM_ERROR = { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Answers one call to the edge; `blocked` holds the number's blocked users (digits). */
export async function blockUsersEdge(req: IncomingMessage, url: URL, blocked: Set<string>, answer: Answer) {
  if (req.method === "GET") {
    const limit = Number(url.searchParams.get("limit") ?? "25");
    // The cursor is the offset of the page's first id, as text (opaque to the client).
    const start = Number(url.searchParams.get("after") ?? "0");
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(start) || start < 0) {
      return answer(400, { error: GRAPH_PARAM_ERROR });
    }
    const ids = [...blocked];
    const end = start + limit;
    const more = end < ids.length;
    return answer(200, {
      data: ids.slice(start, end).map((wa_id) => ({ wa_id })),
      ...(more
        ? { paging: { cursors: { after: String(end) }, next: `${url.pathname}?limit=${limit}&after=${end}` } }
        : {}),
    });
  }
  const body = (await readJson(req)) as { messaging_product?: unknown; block_users?: unknown } | undefined;
  const list = Array.isArray(body?.block_users) ? (body.block_users as Array<{ user?: unknown }>) : [];
  if (body?.messaging_product !== "whatsapp" || list.length === 0 || list.some((u) => typeof u.user !== "string")) {
    return answer(400, { error: GRAPH_PARAM_ERROR });
  }
  const users = list.map((u) => ({ input: u.user as string, wa_id: (u.user as string).replace(/\D/g, "") }));
  if (req.method === "POST") {
    for (const u of users) blocked.add(u.wa_id);
    return answer(200, { messaging_product: "whatsapp", block_users: { added_users: users } });
  }
  if (req.method === "DELETE") {
    for (const u of users) blocked.delete(u.wa_id);
    return answer(200, { messaging_product: "whatsapp", block_users: { removed_users: users } });
  }
  return answer(405, { error: GRAPH_PARAM_ERROR });
}
