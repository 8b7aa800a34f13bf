/**
 * The worker thread of judge.ts: loads recheck as it starts and judges the regexes posted to it,
 * one check at a time, posting each verdict's diagnostics back as soon as it is made. Spec files
 * may come as text (a large spec, which the main thread does not walk): it parses them as the main
 * thread did (read.ts), and posts the regexes found before their verdicts. It keeps the run's
 * judging time (workerData.budgetMs): once spent, a regex gets `spent` at once, and the check that
 * spends it is stopped by recheck's own timeout, set to what is left (so its agent stops too).
 *
 * @module
 */
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { JudgeAnswer, JudgeRequest, SpecText } from "./judge.js";
import { checkOptions, JUDGE_TIMEOUT_S } from "./recheck-options.js";
import { flagsOf, patternError } from "./recheck.js";

type Recheck = typeof import("recheck");
const recheck = createRequire(import.meta.url)("recheck") as Recheck;
const port = parentPort!;
const FULL_MS = JUDGE_TIMEOUT_S * 1000;
const budgetMs = (workerData as { budgetMs: number }).budgetMs;
let spentMs = 0;

/** Every regex queued here, once: a spec file's may repeat ones the main thread sent. */
const queued = new Set<string>();
let queue: Promise<void> = Promise.resolve();
/** Once asked to finish, the thread ends when the queue is empty (the main thread has sent all). */
let finishing = false;

const post = (answer: JudgeAnswer) => port.postMessage(answer);

/** Judges one regex within what is left of the run's budget. */
async function judge(pattern: string): Promise<void> {
  const left = budgetMs - spentMs;
  if (left <= 0) return post({ pattern, spent: true });
  const limit = Math.min(FULL_MS, left);
  const start = performance.now();
  try {
    const result = await recheck.check(pattern, flagsOf(pattern), checkOptions(limit));
    const cut = limit < FULL_MS && result.status === "unknown" && result.error.kind === "timeout";
    post(cut ? { pattern, spent: true } : { pattern, result });
  } catch (err) {
    post({ pattern, error: String(err) });
  } finally {
    spentMs += performance.now() - start;
  }
}

function enqueue(patterns: readonly string[]): string[] {
  const fresh = patterns.filter((p) => !queued.has(p) && patternError(p) === undefined);
  for (const pattern of fresh) {
    queued.add(pattern);
    queue = queue.then(() => judge(pattern));
  }
  return fresh;
}

/** The regexes of spec files sent as text; one that does not parse has none here (the main thread reports it). */
async function patternsOfFiles(files: readonly SpecText[]): Promise<string[]> {
  // Loaded only for files (a lint sends regexes only): the walker and the YAML parser.
  const [{ parseYaml, REDOCLY_YAML_SCHEMA }, { regexesIn }] = await Promise.all([
    import("../load/read.js"),
    import("./find-patterns.js"),
  ]);
  return files.flatMap((file) => {
    try {
      return regexesIn(parseYaml(file.text, file.path, REDOCLY_YAML_SCHEMA));
    } catch {
      return [];
    }
  });
}

/** Ends this thread once every regex queued is answered: its answers are delivered before `exit`. */
function finish(): void {
  finishing = true;
  const last = queue;
  void last.then(() => {
    if (queue === last) process.exit(0);
    else finish();
  });
}

// recheck's agent (a process of its own) starts with its first check: started now, it is ready
// when the first regexes come (generate finds most of them only while it bundles).
queue = recheck.check("^$", "", checkOptions()).then(
  () => undefined,
  () => undefined,
);

let files: Promise<void> = Promise.resolve();
port.on("message", (request: JudgeRequest) => {
  if ("patterns" in request) enqueue(request.patterns);
  else if ("files" in request) {
    // In the order sent, so that `found` comes before a later `finish` ends the thread.
    // A failure finds none (the main thread reads and reports the files), but is answered all the same.
    const found = () => patternsOfFiles(request.files).catch((): string[] => []);
    files = files.then(async () => post({ found: enqueue(await found()) }));
  } else if (!finishing) void files.then(finish);
});
