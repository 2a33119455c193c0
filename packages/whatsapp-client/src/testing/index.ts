/**
 * @toktok/whatsapp-client/testing — WhatsApp's side of a Flows data-exchange endpoint for your tests:
 * a key pair, a request encrypted as WhatsApp sends it, and the endpoint's answer decrypted.
 * @packageDocumentation
 */

export type { FlowKeyPair, SealedFlowBody, SealedFlowRequest } from "./flow-client.js";
export { flowKeyPair, openFlowResponse, sealFlowRequest } from "./flow-client.js";
