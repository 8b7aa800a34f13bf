/**
 * Compiles one spec's validator module on a worker thread, for {@link compileInWorker}: Ajv's
 * code generation is synchronous, so on a large spec it would otherwise hold the main thread for
 * as long as the types take (a second of each on a 2 MB spec).
 */
import { parentPort, workerData } from "node:worker_threads";
import { SpecError } from "../errors.js";
import { compileValidatorModule, type SharedModules, type ValidatorTarget } from "./validators.js";
import type { SpecModel } from "../model/types.js";

/** What {@link compileInWorker} sends. */
export interface WorkerInput {
  spec: SpecModel;
  targets: ValidatorTarget[];
  shared: SharedModules;
}

/** What the worker answers: the module's code, or the error that stopped it. */
export type WorkerOutput =
  | { code: string; warnings: string[] }
  | { warnings: string[]; error: { message: string; spec: boolean; stack?: string | undefined; file?: string; line?: number | undefined; column?: number | undefined; pointer?: string | undefined } };

const { spec, targets, shared } = workerData as WorkerInput;
const warnings: string[] = [];
let answer: WorkerOutput;
try {
  answer = { code: await compileValidatorModule(spec, targets, shared, (m) => warnings.push(m)), warnings };
} catch (err) {
  const spec = err instanceof SpecError;
  const message = err instanceof Error ? err.message : String(err);
  answer = { warnings, error: { message, spec, stack: err instanceof Error ? err.stack : undefined, ...(spec ? { file: err.file, line: err.line, column: err.column, pointer: err.pointer } : {}) } };
}
parentPort?.postMessage(answer);
