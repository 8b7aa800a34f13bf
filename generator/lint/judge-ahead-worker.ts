/** Judges the regexes it is given on a worker thread and answers the verdicts (see judge-ahead.ts). */
import { serveWorker } from "../emit/worker.js";
import { judgePatterns, verdictsOf } from "./recheck.js";

serveWorker(async (patterns: string[]) => {
  await judgePatterns(patterns);
  return verdictsOf(patterns);
});
