import type { Messenger } from "../messaging/messenger.js";

/**
 * A messenger that can send only text (an old client's capabilities): what `sendReply` falls back to
 * for a reply kind its optional method is missing for. `sent` holds the bodies, in order.
 */
export function textOnlyMessenger(): { messenger: Messenger; sent: string[] } {
  const sent: string[] = [];
  const messenger = {
    sendText: async (_to: string, body: string) => {
      sent.push(body);
      return { messageId: `wamid.text.${sent.length}` };
    },
  } as unknown as Messenger;
  return { messenger, sent };
}
