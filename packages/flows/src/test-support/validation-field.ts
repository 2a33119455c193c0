import { FlowsValidationError } from "../errors.js";

/**
 * The field a {@link FlowsValidationError} thrown by `make` names; `"accepted"` when nothing is thrown and
 * `"not a validation error"` for any other error, so a test reads the whole outcome in one `toBe`.
 */
export function validationField(make: () => unknown): string {
  try {
    make();
  } catch (error) {
    return FlowsValidationError.isInstance(error) ? error.field : "not a validation error";
  }
  return "accepted";
}
