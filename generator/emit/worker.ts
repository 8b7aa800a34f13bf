/**
 * Running one emitter step on a worker thread: {@link inWorker} on the main thread, and
 * {@link serveWorker} in the module the worker runs. Errors cross back as they were thrown: a
 * `SpecError` stays one (file, line, pointer kept), anything else keeps its message and stack.
 */
import { parentPort, Worker, workerData } from "node:worker_threads";
import { SpecError } from "../errors.js";

type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; stack?: string | undefined; spec?: { file: string; line?: number | undefined; column?: number | undefined; pointer?: string | undefined } };

/** Runs the worker module at `url` on `input` (structured-cloned) and returns what it serves. */
export async function inWorker<I, T>(url: URL, input: I): Promise<T> {
  const worker = new Worker(url, { workerData: input });
  try {
    const answer = await new Promise<Answer<T>>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`worker ${url.pathname.split("/").pop()} exited (code ${code}) without an answer`)));
    });
    if (answer.ok) return answer.value;
    if (answer.spec) throw new SpecError(answer.message, answer.spec.file, answer.spec.line, answer.spec.column, answer.spec.pointer);
    throw Object.assign(new Error(answer.message), answer.stack === undefined ? {} : { stack: answer.stack });
  } finally {
    await worker.terminate();
  }
}

/** In a worker module: answers `run(workerData)` to the thread that started it. */
export async function serveWorker<I, T>(run: (input: I) => Promise<T> | T): Promise<void> {
  let answer: Answer<T>;
  try {
    answer = { ok: true, value: await run(workerData as I) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const spec = err instanceof SpecError ? { file: err.file, line: err.line, column: err.column, pointer: err.pointer } : undefined;
    answer = { ok: false, message, stack: err instanceof Error ? err.stack : undefined, ...(spec ? { spec } : {}) };
  }
  parentPort?.postMessage(answer);
}
