/**
 * Judges the regexes of the spec files it is given (path and text) on a worker thread and answers
 * the verdicts (see judge-ahead.ts). It parses each text as the main thread did (read.ts); a file
 * that does not parse has no regexes here: the main thread reports it.
 */
import { serveWorker } from "../emit/worker.js";
import { parseYaml, REDOCLY_YAML_SCHEMA } from "../load/read.js";
import { findPatterns } from "./find-patterns.js";
import { judgePatterns, verdictsOf } from "./recheck.js";
import type { AheadFile } from "./judge-ahead.js";

function patternsOf(file: AheadFile): string[] {
  try {
    return findPatterns(parseYaml(file.text, file.path, REDOCLY_YAML_SCHEMA)).map((f) => f.pattern);
  } catch {
    return [];
  }
}

serveWorker(async (files: AheadFile[]) => {
  const patterns = files.flatMap(patternsOf);
  await judgePatterns(patterns);
  return verdictsOf(patterns);
});
