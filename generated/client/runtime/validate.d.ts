/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation } from "./types.js";
/**
 * Checks `data` with the operation's validator for `status` (unless `validate: false`).
 * @throws ResponseValidationError when it fails, or when the validator throws.
 */
export declare function validate(c: ClientOptions, op: Operation, status: number, data: unknown): void;
