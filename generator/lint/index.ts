// \`specgen lint\`. This module loads no Redocly: the files are read and their regexes sent to
// recheck first, and files.ts (Redocly's lint and the specgen rules) is loaded while they are judged.
import type { NormalizedProblem } from "@redocly/openapi-core";
import { resolve } from "node:path";
import { discoverSpecFiles } from "../load/discover.js";
import { readSpecFileTelling, type DocumentKind, type SpecFile } from "../load/read.js";
import { makeRefPolicy, type RefOptions } from "../load/policy.js";
import { SpecError } from "../errors.js";
import { regexesIn } from "./find-patterns.js";
import { Judge } from "./judge.js";

export interface LintOptions extends RefOptions {
  /** Redocly config file; defaults to ./redocly.yaml, else the toolkit's own. */
  config?: string;
  cwd?: string;
  /** The run's time for judging regexes, in ms (default: JUDGE_BUDGET_S of recheck-options.ts). */
  judgeBudgetMs?: number;
}

/** A file found under the paths given: parsed, or the error reading it. */
export type ReadFile = SpecFile | { path: string; error: SpecError };

export interface LintResult {
  files: Array<{ path: string; kind: DocumentKind | "error" }>;
  problems: NormalizedProblem[];
  errors: number;
  warnings: number;
}

/**
 * Lints every spec file under `paths`: OpenAPI with Redocly + the specgen plugin, JSON Schema against its meta-schema.
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  // `$ref`s (and overlay `extends`) may read only inside the roots of the paths given; see policy.ts.
  const policy = makeRefPolicy(paths, cwd, options);
  // recheck judges the files' regexes on a worker thread while Redocly loads (see judge.ts).
  const judge = new Judge({ budgetMs: options.judgeBudgetMs });
  try {
    const read = readFiles(discoverSpecFiles(paths, cwd), judge);
    // Each file's regexes, found here once: files.ts reads them again for the documents reaching them.
    const patterns = new Map<string, string[]>();
    for (const file of read) {
      if (!("kind" in file)) continue;
      patterns.set(file.path, regexesIn(file.doc));
      judge.send(patterns.get(file.path)!);
    }
    const { lintFiles } = await import("./files.js");
    return await lintFiles(read, policy, judge, options.config, cwd, patterns);
  } finally {
    judge.close();
  }
}

/**
 * Reads and parses `paths` (a file that cannot be read or parsed: the error). Once a text names a
 * regex keyword (`pattern`, `patternProperties`), the judge's worker starts loading recheck
 * while the rest is parsed: on a large spec, its parse was time the worker could have used.
 * (Only a start: the regexes are found in the parsed documents.)
 */
function readFiles(paths: Iterable<string>, judge: Judge): ReadFile[] {
  const read: ReadFile[] = [];
  const warm = (text: string) => {
    if (text.includes("pattern")) judge.warm();
  };
  for (const path of paths) {
    try {
      read.push(readSpecFileTelling(path, warm));
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      read.push({ path, error: err });
    }
  }
  return read;
}
