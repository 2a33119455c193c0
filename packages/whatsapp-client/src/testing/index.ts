/**
 * @toktok/whatsapp-client/testing — WhatsApp's side of a Flows data-exchange endpoint for your tests:
 * a key pair, a request encrypted as WhatsApp sends it, and the endpoint's answer decrypted; and
 * {@link checkSendable}, WhatsApp's limits on outgoing messages for test doubles that record them.
 * @packageDocumentation
 */

export type { FlowKeyPair, SealedFlowBody, SealedFlowRequest } from "./flow-client.js";
export { flowKeyPair, openFlowResponse, sealFlowRequest } from "./flow-client.js";
export { checkSendable } from "./sendable.js";
