/**
 * Checks a response body with the validator the operation declares for its status.
 *
 * @module
 */
import { ResponseValidationError } from "./errors.js";
import { own } from "./own.js";
import type { ClientOptions, Operation, Validator } from "./types.js";

/**
 * The validator of the most specific key the operation declares for `status` (the exact status
 * only, unless the descriptor names `statuses`); undefined when there is none, null when the key
 * is declared without a JSON body.
 */
function validatorFor(op: Operation, status: number): Validator | null | undefined {
  const keys = op.statuses ? op.statuses(status) : [status];
  for (const key of keys) {
    const validator = own(op.validate, key);
    if (validator !== undefined) return validator as Validator | null;
  }
  return undefined;
}

/**
 * Checks `data` with the operation's validator for `status` (unless `validate: false`).
 * @throws ResponseValidationError when it fails, or when the validator throws.
 */
export function validate(c: ClientOptions, op: Operation, status: number, data: unknown): void {
  if (c.validate === false) return;
  const validator = validatorFor(op, status);
  if (!validator) return;
  let valid: boolean;
  try {
    valid = validator(data);
  } catch (error) {
    throw new ResponseValidationError(status, [{ pointer: "", message: String(error) }]);
  }
  if (valid) return;
  const errors = (validator.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? "" }));
  throw new ResponseValidationError(status, errors);
}
