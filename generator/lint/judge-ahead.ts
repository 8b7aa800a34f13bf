/**
 * Judging the regexes of a large run ahead, on a worker thread (judge-ahead-worker.ts), while the
 * main thread bundles and models the specs. Judging them there (see judgePatterns) costs the main
 * thread recheck's load (3 MB of compiled Scala.js) and waits on its agent process; a worker
 * parses the spec files' texts, finds their regexes and judges them beside the bundling, and the
 * main thread adopts its verdicts. The regexes the model adds (files the `$ref`s reach, overlays)
 * are judged on the main thread afterwards, as before, and so is everything if the worker fails.
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

/** A spec file as read: the worker parses its text again, which costs this thread nothing. */
export interface AheadFile {
  path: string;
  text: string;
}

/** Starts judging the regexes of `files` on a worker thread. */
export function judgeAhead(files: readonly AheadFile[]): JudgingAhead {
  const task = new WorkerTask(WORKER_URL);
  const input = files.map(({ path, text }) => ({ path, text }));
  const judged = task
    .run<AheadFile[], Array<[string, string | undefined]>>(input)
    .then(adoptVerdicts)
    // What the worker could not judge is judged on the main thread, as without it.
    .catch(() => undefined);
  return { judged, stop: () => task.stop() };
}
