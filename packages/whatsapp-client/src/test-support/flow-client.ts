// The package's own tests read WhatsApp's side of a Flow endpoint from the public testing subpath
// (one owner, src/testing/flow-client.ts), under the names they were written with.
export {
  type FlowKeyPair,
  flowKeyPair,
  openFlowResponse as decryptAsMeta,
  type SealedFlowRequest as MetaFlowRequest,
  sealFlowRequest as encryptAsMeta,
} from "../testing/flow-client.js";
