/**
 * Judges regexes on a worker thread as the main thread sends them, one check at a time (see
 * judge-ahead.ts), and answers every verdict once asked. Spec files come as text: it parses them
 * as the main thread did (read.ts); one that does not parse has no regexes here (the main thread
 * reports it).
 */
import { parentPort } from "node:worker_threads";
import { parseYaml, REDOCLY_YAML_SCHEMA } from "../load/read.js";
import { findPatterns } from "./find-patterns.js";
import type { AheadFile, AheadMessage, Verdicts } from "./judge-ahead.js";
import { judgePatterns, judgeSoon, verdictsOf } from "./recheck.js";

const received: string[] = [];

function patternsIn(file: AheadFile): string[] {
  try {
    return findPatterns(parseYaml(file.text, file.path, REDOCLY_YAML_SCHEMA)).map((f) => f.pattern);
  } catch {
    return [];
  }
}

function queue(patterns: string[]): void {
  received.push(...patterns);
  judgeSoon(patterns);
}

/** Every verdict made; a failed check leaves its regex to the main thread. */
async function verdicts(): Promise<Verdicts> {
  await judgePatterns(received).catch(() => undefined);
  return verdictsOf(received);
}

// recheck loads, and its agent process starts (on its first check), before the first regexes
// arrive: the main thread finds most of them only while it bundles.
judgeSoon(["^$"]);

parentPort?.on("message", (message: AheadMessage) => {
  if ("files" in message) queue(message.files.flatMap(patternsIn));
  else if ("patterns" in message) queue(message.patterns);
  else void verdicts().then(answerAndEnd);
});

/**
 * Posts the verdicts and ends this thread at once: the main thread is then often busy compiling
 * the validators and reads the answer only later, and until it does, a thread waiting for it to
 * call terminate() would keep recheck and the parsed files in memory at the run's peak. The
 * answer is not lost: a worker's messages are delivered before its `exit` event.
 */
function answerAndEnd(answer: Verdicts): void {
  parentPort?.postMessage(answer);
  process.exit(0);
}
