import { proofKinds } from "../domain.js";
import { FlowsValidationError } from "../errors.js";
import type { MissionProof } from "./types.js";

/**
 * A delivery proof as `missions.recordProof` keeps it: a known kind, an ISO instant, a media id for a
 * photo (the one thing that identifies it); only the documented fields, so a caller's extra keys are
 * never stored. Throws a validation error naming the field.
 */
export function checkProof(proof: MissionProof): MissionProof {
  if (!(proofKinds as readonly string[]).includes(proof.kind)) {
    throw new FlowsValidationError("proof.kind", `must be one of ${proofKinds.join(", ")}`);
  }
  if (typeof proof.at !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(proof.at) || Number.isNaN(Date.parse(proof.at))) {
    throw new FlowsValidationError("proof.at", "must be an ISO 8601 date and time");
  }
  if (proof.kind === "photo" && !proof.mediaId?.trim()) {
    throw new FlowsValidationError("proof.mediaId", "is required for a photo");
  }
  if (proof.kind === "code" && (proof.mediaId !== undefined || proof.location !== undefined)) {
    throw new FlowsValidationError("proof.mediaId", "goes with a photo only");
  }
  return {
    kind: proof.kind,
    at: new Date(Date.parse(proof.at)).toISOString(),
    ...(proof.mediaId === undefined ? {} : { mediaId: proof.mediaId }),
    ...(proof.location === undefined ? {} : { location: proof.location }),
  };
}
