import { Worker } from "node:worker_threads";
import type { Diagnostics } from "recheck";
import { flagsOf, recordVerdict, unjudged } from "./recheck.js";

/** A hook for tests: called when a Judge starts its worker thread. */
export const judgeStarts: { observe?: () => void } = {};

/** What the worker posts back for one regex. */
type Answer = { pattern: string; result: Diagnostics } | { pattern: string; error: string };

/**
 * recheck's verdicts for lint, made on a worker thread (judge-worker.ts) while lint goes on: the
 * main thread neither loads recheck (3 MB of compiled Scala.js) nor waits for it before it
 * reads Redocly and lints the documents whose regexes are judged. Each document waits only
 * for the regexes it reaches ({@link Judge.ready}); the verdicts are recorded in patterns.ts,
 * where the rules read them. A regex the worker could not judge is left to
 * backtrackingHazard's own synchronous call, so a failing worker costs time, never a verdict.
 */
export class Judge {
  #worker: Worker | undefined;
  /** Regexes sent and not answered yet, with the documents waiting for them. */
  readonly #pending = new Map<string, Array<() => void>>();

  /** Sends the regexes that have no verdict yet to the worker (started with the first one). */
  send(patterns: Iterable<string>): void {
    for (const pattern of patterns) {
      if (this.#pending.has(pattern) || !unjudged(pattern)) continue;
      this.#pending.set(pattern, []);
      const worker = this.#start();
      worker.ref();
      worker.postMessage({ pattern, flags: flagsOf(pattern) });
    }
  }

  /**
   * Starts the worker (which loads recheck as it starts) before any regex is sent, when some
   * are about to be; idle, it does not keep the process alive.
   */
  warm(): void {
    if (!this.#worker) this.#start().unref();
  }

  /** Resolves once every one of `patterns` that was sent has its answer. */
  async ready(patterns: Iterable<string>): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const pattern of patterns) {
      const waiting = this.#pending.get(pattern);
      if (waiting) waits.push(new Promise((done) => waiting.push(done)));
    }
    await Promise.all(waits);
  }

  /**
   * Stops the worker (recheck's checker process ends with this one), without waiting for it to
   * wind down: lint's output does not depend on it, and the process may exit meanwhile.
   */
  close(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#answerAll();
    worker?.unref();
    void worker?.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    judgeStarts.observe?.();
    const worker = new Worker(new URL("./judge-worker.js", import.meta.url));
    worker.on("message", (answer: Answer) => {
      if ("result" in answer) recordVerdict(answer.pattern, answer.result);
      this.#answer(answer.pattern);
      // Idle, it must not keep the process alive (a run that throws still ends).
      if (this.#pending.size === 0) worker.unref();
    });
    // A worker that fails leaves its regexes to the synchronous call: nobody waits forever.
    worker.on("error", () => this.#answerAll());
    worker.on("exit", () => this.#answerAll());
    this.#worker = worker;
    return worker;
  }

  #answer(pattern: string): void {
    const waiting = this.#pending.get(pattern) ?? [];
    this.#pending.delete(pattern);
    for (const done of waiting) done();
  }

  #answerAll(): void {
    for (const pattern of [...this.#pending.keys()]) this.#answer(pattern);
  }
}
