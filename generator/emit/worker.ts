/**
 * Running one emitter step on a worker thread: a {@link WorkerTask} on the main thread, and
 * {@link serveWorker} in the module the worker runs. The worker starts (and loads its modules)
 * when the task is made; it gets its input later, once, and ends after answering. Errors cross
 * back as they were thrown: a `SpecError` stays one (file, line, pointer kept), anything else
 * keeps its message and stack.
 */
import { parentPort, Worker } from "node:worker_threads";
import { SpecError } from "../errors.js";

type Answer<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      message: string;
      stack?: string | undefined;
      spec?: { file: string; line?: number | undefined; column?: number | undefined; pointer?: string | undefined };
    };

export class WorkerTask {
  readonly #worker: Worker;
  readonly #name: string;
  #ended: Promise<unknown>;

  constructor(url: URL) {
    this.#name = url.pathname.split("/").pop() ?? "worker";
    this.#worker = new Worker(url);
    // A spare worker never given work must not keep the process alive.
    this.#worker.unref();
    this.#ended = new Promise((_resolve, reject) => {
      this.#worker.once("error", reject);
      this.#worker.once("exit", (code) => reject(new Error(`${this.#name} exited (code ${code}) without an answer`)));
    });
    // Until run() awaits it, an early failure is only remembered.
    this.#ended.catch(() => undefined);
  }

  /** Gives the worker its input (structured-cloned) and returns what it answers; then it ends. */
  async run<I, T>(input: I): Promise<T> {
    this.#worker.ref();
    try {
      const answered = new Promise<Answer<T>>((resolve) => this.#worker.once("message", resolve));
      this.#worker.postMessage(input);
      const answer = await Promise.race([answered, this.#ended as Promise<never>]);
      if (answer.ok) return answer.value;
      if (answer.spec)
        throw new SpecError(
          answer.message,
          answer.spec.file,
          answer.spec.line,
          answer.spec.column,
          answer.spec.pointer,
        );
      throw Object.assign(new Error(answer.message), answer.stack === undefined ? {} : { stack: answer.stack });
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** In a worker module: answers `run(input)` for the one input the main thread sends. */
export function serveWorker<I, T>(run: (input: I) => Promise<T> | T): void {
  parentPort?.once("message", async (input: I) => {
    let answer: Answer<T>;
    try {
      answer = { ok: true, value: await run(input) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const spec =
        err instanceof SpecError
          ? { file: err.file, line: err.line, column: err.column, pointer: err.pointer }
          : undefined;
      answer = { ok: false, message, stack: err instanceof Error ? err.stack : undefined, ...(spec ? { spec } : {}) };
    }
    parentPort?.postMessage(answer);
  });
}
