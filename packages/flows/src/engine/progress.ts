import type { Reply } from "../messaging/reply.js";

/** Puts the "Étape n/N" label on the first reply of a prompt that has a text body. */
export function withProgress(replies: readonly Reply[], label: string): Reply[] {
  let done = false;
  return replies.map((r) => {
    if (done) return r;
    switch (r.type) {
      case "text":
      case "buttons":
      case "list":
      case "location_request":
        done = true;
        return { ...r, body: `*${label}*\n${r.body}` };
      case "image":
        done = true;
        return { ...r, caption: r.caption ? `*${label}*\n${r.caption}` : `*${label}*` };
      default:
        return r;
    }
  });
}
