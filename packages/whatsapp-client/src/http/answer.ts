import type { ServerResponse } from "node:http";

/** What a handler answers: a status and a plain-text body. */
export interface PlainAnswer {
  status: number;
  body: string;
}

/**
 * The bytes of a Fetch request, or `undefined` when they are over `maxBytes` — by the declared
 * Content-Length before anything is read, or once read (a body sent without a length).
 */
export async function readFetchBody(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return undefined;
  const body = new Uint8Array(await request.arrayBuffer());
  return body.byteLength > maxBytes ? undefined : body;
}

/** Writes one plain-text answer on a Node response; a second answer to the same request is dropped. */
export function nodeSender(res: ServerResponse): (answer: PlainAnswer, headers?: Record<string, string>) => void {
  return (answer, headers = {}) => {
    if (res.headersSent) return;
    res.writeHead(answer.status, { "content-type": "text/plain", ...headers });
    res.end(answer.body);
  };
}
