/**
 * recheck's verdicts on a run's regexes, for lint, `generate` and its incremental path alike,
 * made on one worker thread (judge-worker.ts) while the main thread goes on: it neither loads
 * recheck (3 MB of compiled Scala.js) nor waits for it while it reads, bundles or lints. Lint
 * waits per document for the regexes it reaches ({@link Judge.ready}), `generate` once for them
 * all ({@link Judge.settled}); the verdicts are recorded in recheck.ts, where the rules, the gate
 * and the validators' warnings read them. A regex the worker could not judge (it failed) is left
 * to backtrackingHazard's synchronous call, so a failing worker costs time, never a verdict.
 *
 * A run has a budget of judging time ({@link JudgeOptions.budgetMs}), kept by the worker: a
 * regex left when it is spent is reported as not judged (a warning, never a refusal). Should the
 * worker not answer anyway, this thread stops waiting a little after the budget, terminates it and
 * records the regexes still waiting as not judged: no run hangs on a busy worker.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import type { Diagnostics } from "recheck";
import { JUDGE_BUDGET_S } from "./recheck-options.js";
import { recordSpent, recordVerdict, setBudgetSpent, unjudged } from "./recheck.js";

/** A hook for tests: called when a Judge starts its worker thread. */
export const judgeStarts: { observe?: () => void } = {};

/** A spec file as read, sent as text: the worker finds its regexes itself. */
export interface SpecText {
  path: string;
  text: string;
}

/** What this thread asks the worker: judge regexes, find and judge those of files, finish. */
export type JudgeRequest = { patterns: string[] } | { files: SpecText[] } | { finish: true };

/** What the worker answers: a verdict (or why none), or the regexes it found in files and will judge. */
export type JudgeAnswer =
  | { pattern: string; result: Diagnostics }
  | { pattern: string; error: string }
  | { pattern: string; spent: true }
  | { found: string[] };

export interface JudgeOptions {
  /** The run's judging time in all (default JUDGE_BUDGET_S); a hook for tests and library callers. */
  budgetMs?: number | undefined;
  /** How long after the budget this thread gives up on a worker that does not answer. */
  graceMs?: number | undefined;
  /** The worker's module (tests give one that never answers). */
  workerUrl?: URL | undefined;
}

const WORKER_URL = new URL("./judge-worker.js", import.meta.url);
/** Time the worker may take beyond the budget: loading recheck and parsing spec files are not judging. */
const GRACE_MS = 10_000;

export class Judge {
  #worker: Worker | undefined;
  /** Regexes sent and not answered yet, with the callers waiting for them. */
  readonly #pending = new Map<string, Array<() => void>>();
  /** Regexes answered in this run (the worker judges each once). */
  readonly #answered = new Set<string>();
  /** Spec files sent whose regexes the worker has not named yet. */
  #filesOut = 0;
  #idle: Array<() => void> = [];
  readonly #clock: BusyClock;
  #spent = false;
  readonly #options: JudgeOptions;

  constructor(options: JudgeOptions = {}) {
    this.#options = options;
    const budget = options.budgetMs ?? JUDGE_BUDGET_S * 1000;
    this.#clock = new BusyClock(budget + (options.graceMs ?? GRACE_MS), () => this.#giveUp());
  }

  /** Sends the regexes that have no verdict yet to the worker (started with the first one). */
  send(patterns: Iterable<string>): void {
    const fresh = [...new Set(patterns)].filter((p) => !this.#pending.has(p) && !this.#answered.has(p) && unjudged(p));
    if (fresh.length === 0) return;
    if (this.#spent) {
      for (const pattern of fresh) recordSpent(pattern);
      return;
    }
    for (const pattern of fresh) this.#pending.set(pattern, []);
    this.#post({ patterns: fresh });
  }

  /** Spec files as read, whose regexes the worker finds (and judges) itself. */
  files(files: readonly SpecText[]): void {
    if (files.length === 0 || this.#spent) return;
    this.#filesOut += 1;
    this.#post({ files: files.map(({ path, text }) => ({ path, text })) });
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

  /** Resolves once everything sent (regexes, and those of the files sent) has its answer. */
  async settled(): Promise<void> {
    if (this.#busy()) await new Promise<void>((done) => this.#idle.push(done));
  }

  /**
   * Tells the worker nothing more will come: it ends by itself once it has answered, freeing
   * recheck while this thread goes on (`generate`, once it has sent the model's regexes).
   */
  finish(): void {
    this.#worker?.postMessage({ finish: true } satisfies JudgeRequest);
  }

  /**
   * Stops the worker (recheck's checker process ends with this one), without waiting for it to
   * wind down: the run's output does not depend on it, and the process may exit meanwhile.
   */
  close(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#answerAll();
    setBudgetSpent(false);
    worker?.unref();
    void worker?.terminate();
  }

  #busy(): boolean {
    return this.#pending.size > 0 || this.#filesOut > 0;
  }

  #post(request: JudgeRequest): void {
    const worker = this.#start();
    worker.ref();
    this.#clock.busy();
    worker.postMessage(request);
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    judgeStarts.observe?.();
    const budgetMs = this.#options.budgetMs ?? JUDGE_BUDGET_S * 1000;
    const worker = new Worker(this.#options.workerUrl ?? WORKER_URL, { workerData: { budgetMs } });
    // Answers from a worker given up on (see #giveUp) come too late to count.
    worker.on("message", (answer: JudgeAnswer) => {
      if (this.#worker === worker) this.#take(answer);
    });
    // A worker that fails, or ends (see finish), leaves what it did not answer to the synchronous
    // call: nobody waits forever; a regex sent later starts another.
    const ended = () => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#answerAll();
    };
    worker.on("error", ended);
    worker.on("exit", ended);
    this.#worker = worker;
    return worker;
  }

  #take(answer: JudgeAnswer): void {
    if ("found" in answer) {
      this.#filesOut -= 1;
      for (const pattern of answer.found) if (!this.#pending.has(pattern)) this.#pending.set(pattern, []);
    } else {
      if ("result" in answer) recordVerdict(answer.pattern, answer.result);
      else if ("spent" in answer) recordSpent(answer.pattern);
      this.#answer(answer.pattern);
    }
    this.#checkIdle();
  }

  #answer(pattern: string): void {
    const waiting = this.#pending.get(pattern) ?? [];
    this.#pending.delete(pattern);
    this.#answered.add(pattern);
    for (const done of waiting) done();
  }

  #answerAll(): void {
    this.#filesOut = 0;
    for (const pattern of [...this.#pending.keys()]) this.#answer(pattern);
    this.#checkIdle();
  }

  /** Once nothing waits, the worker must not keep the process alive (a run that throws still ends). */
  #checkIdle(): void {
    if (this.#busy()) return;
    this.#clock.idle();
    this.#worker?.unref();
    const idle = this.#idle;
    this.#idle = [];
    for (const done of idle) done();
  }

  /** The worker kept regexes past the budget: they are not judged, and the worker is ended. */
  #giveUp(): void {
    this.#spent = true;
    setBudgetSpent(true);
    for (const pattern of this.#pending.keys()) recordSpent(pattern);
    const worker = this.#worker;
    this.#worker = undefined;
    void worker?.terminate();
    this.#answerAll();
  }
}

/**
 * The time a run spends with regexes waiting for the worker, and the alarm when it reaches
 * `limitMs`: counted only while busy, so that a `generate` that sends regexes as it bundles is
 * not charged for the time between them.
 */
class BusyClock {
  #usedMs = 0;
  #since: number | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly limitMs: number,
    readonly alarm: () => void,
  ) {}

  busy(): void {
    if (this.#since !== undefined) return;
    this.#since = performance.now();
    this.#timer = setTimeout(this.alarm, Math.max(0, this.limitMs - this.#usedMs));
  }

  idle(): void {
    if (this.#since === undefined) return;
    this.#usedMs += performance.now() - this.#since;
    this.#since = undefined;
    clearTimeout(this.#timer);
  }
}
