/**
 * Judging the regexes of a `generate` run on a worker thread (judge-ahead-worker.ts) while the
 * main thread reads, bundles and models the specs. On the main thread (see judgePatterns) they
 * cost recheck's load (3 MB of compiled Scala.js), and its checks, one at a time, move on only
 * when the thread is free: a spec whose bundling keeps the thread busy then waits for all of
 * them after its model is built (DigitalOcean's, with one check of about 2 s, about 3 s). The
 * worker loads recheck and keeps its agent busy meanwhile; the main
 * thread sends it the regexes as it finds them (a large spec file's text, which the worker parses
 * itself, rather than walking it here) and adopts its verdicts. What the worker did not judge
 * (it failed, or a regex was found later) is judged on the main thread afterwards, as before.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import { findPatterns } from "./find-patterns.js";
import { adoptVerdicts } from "./recheck.js";

const WORKER_URL = new URL("./judge-ahead-worker.js", import.meta.url);

/** A spec file as read: the worker parses its text again, which costs this thread nothing. */
export interface AheadFile {
  path: string;
  text: string;
}

/** What the main thread sends: spec files, regexes found here, or the request for the verdicts. */
export type AheadMessage = { files: AheadFile[] } | { patterns: string[] } | { done: true };

export type Verdicts = Array<[string, string | undefined]>;

/**
 * A worker judging regexes as they are found; its verdicts are adopted by {@link judged}. The
 * worker starts with the first regexes (or spec file) sent: a run without any starts none.
 */
export class JudgingAhead {
  #worker: Worker | undefined;
  #answer: Promise<unknown> | undefined;

  /** Spec files as read, whose regexes the worker finds itself. */
  files(files: readonly AheadFile[]): void {
    if (files.length) this.#post({ files: files.map(({ path, text }) => ({ path, text })) });
  }

  /** The regexes of a document parsed here (a file a `$ref` reaches). */
  document(doc: unknown): void {
    const patterns = findPatterns(doc).map((f) => f.pattern);
    if (patterns.length) this.#post({ patterns });
  }

  /** Waits for the verdicts on everything sent and adopts them; the worker then ends. */
  async judged(): Promise<void> {
    if (this.#worker === undefined) return;
    this.#worker.ref();
    this.#post({ done: true });
    const verdicts = await this.#answer;
    if (Array.isArray(verdicts)) adoptVerdicts(verdicts as Verdicts);
    await this.stop();
  }

  /** Ends the worker (a run that stopped early, or one whose verdicts are in). */
  async stop(): Promise<void> {
    await this.#worker?.terminate();
  }

  #post(message: AheadMessage): void {
    this.#worker ??= this.#start();
    this.#worker.postMessage(message);
  }

  #start(): Worker {
    const worker = new Worker(WORKER_URL);
    // Until the verdicts are asked for, the worker must not keep the process alive.
    worker.unref();
    this.#answer = new Promise((resolve) => {
      worker.once("message", resolve);
      worker.once("error", () => resolve(undefined));
      worker.once("exit", () => resolve(undefined));
    });
    return worker;
  }
}
