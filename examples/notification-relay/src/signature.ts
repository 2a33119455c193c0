// The signing scheme lives in @toktok-example/shared: the delivery bot signs its alert webhooks the same way.
export {
  checkSignature,
  SIGNATURE_HEADER,
  type SignatureProblem,
  signEvent,
  TIMESTAMP_HEADER,
} from "@toktok-example/shared";
