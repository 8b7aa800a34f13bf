/**
 * Judging the regexes of a large run ahead, on a worker thread (judge-ahead-worker.ts), while the
 * main thread bundles and models the specs. Judging them there (see judgePatterns) costs the main
 * thread recheck's load (3 MB of compiled Scala.js) and waits on its agent process; a worker
 * does both beside the bundling, and the main thread adopts its verdicts. It judges the regexes
 * the spec files hold as read: those the model adds (files their `$ref`s reach, overlays) are
 * judged on the main thread afterwards, as before, and so is everything if the worker fails.
 *
 * @module
 */
import { WorkerTask } from "../emit/worker.js";
import { adoptVerdicts } from "./recheck.js";

const WORKER_URL = new URL("./judge-ahead-worker.js", import.meta.url);

export interface JudgingAhead {
  /** Settles once the worker's verdicts are adopted, or it failed (never rejects). */
  judged: Promise<void>;
  /** Ends the worker if it is still judging (a run that stopped early). */
  stop: () => Promise<void>;
}

/** Starts judging the regexes of `docs` (parsed spec files) on a worker thread. */
export function judgeAhead(docs: readonly unknown[]): JudgingAhead {
  // Started first, so that the worker boots while this thread loads the lint rules (Redocly).
  const task = new WorkerTask(WORKER_URL);
  const judge = async () => {
    const { findPatterns } = await import("./patterns.js");
    const patterns = [...new Set(docs.flatMap((doc) => findPatterns(doc).map((f) => f.pattern)))];
    adoptVerdicts(await task.run<string[], Array<[string, string | undefined]>>(patterns));
  };
  // What the worker could not judge is judged on the main thread, as without it.
  const judged = judge().catch(() => undefined);
  return { judged, stop: () => task.stop() };
}
