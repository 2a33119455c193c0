import type { Messenger } from "@toktok/flows";

const ok = async () => ({ messageId: "wamid.x" });

/** A Messenger whose sends go nowhere: the suites that use it time the engine, not the network. */
export const nullMessenger: Messenger = {
  sendText: ok,
  sendReplyButtons: ok,
  sendList: ok,
  sendImage: ok,
  sendLocationRequest: ok,
  sendContacts: ok,
  sendTemplate: ok,
};
