/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Checks a response body with the validator the operation declares for its status.
 *
 * @module
 */
import { ResponseValidationError } from "./errors.js";
import { own } from "./own.js";
/**
 * The validator of the most specific key the operation declares for `status` (the exact status
 * only, unless the descriptor names `statuses`); null when there is none, or the key is declared
 * without a JSON body (`null`).
 */
function validatorFor(op, status) {
    const keys = op.statuses ? op.statuses(status) : [status];
    const key = keys.find((k) => own(op.validate, k) !== undefined);
    if (key === undefined)
        return null;
    return own(op.validate, key);
}
/**
 * Checks `data` with the operation's validator for `status` (unless `validate: false`).
 * @throws ResponseValidationError when it fails, or when the validator throws.
 */
export function validate(c, op, status, data) {
    if (c.validate === false)
        return;
    const validator = validatorFor(op, status);
    if (!validator)
        return;
    let valid;
    try {
        valid = validator(data);
    }
    catch (error) {
        throw new ResponseValidationError(status, [{ pointer: "", message: String(error) }]);
    }
    if (valid)
        return;
    const errors = (validator.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? "" }));
    throw new ResponseValidationError(status, errors);
}
