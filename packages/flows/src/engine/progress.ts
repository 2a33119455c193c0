import type { Reply } from "../messaging/reply.js";

/** The reply with a body that asks the question (text or interactive), with the label put on it. */
function labelled(r: Reply, label: string): Reply | undefined {
  switch (r.type) {
    case "text":
    case "buttons":
    case "list":
    case "location_request":
      return { ...r, body: `*${label}*\n${r.body}` };
    default:
      return undefined;
  }
}

/**
 * Puts the "Étape n/N" label on the prompt's question: its first text or interactive reply, not the
 * pictures sent before it (a product photo read "Étape 3/6" while the list below it asked the
 * question). A prompt made only of pictures gets it on the first caption.
 */
export function withProgress(replies: readonly Reply[], label: string): Reply[] {
  const out = [...replies];
  const question = out.findIndex((r) => labelled(r, label) !== undefined);
  if (question >= 0) {
    out[question] = labelled(out[question] as Reply, label) as Reply;
    return out;
  }
  const picture = out.findIndex((r) => r.type === "image");
  const image = out[picture];
  if (image?.type === "image") {
    out[picture] = { ...image, caption: image.caption ? `*${label}*\n${image.caption}` : `*${label}*` };
  }
  return out;
}
