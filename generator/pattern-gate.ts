/**
 * `generate`'s regexes: judged by recheck on the judge's worker thread (lint/judge.ts) while the
 * specs are read and bundled, and the gate that refuses one that may backtrack exponentially.
 *
 * @module
 */
import { relative, sep } from "node:path";
import type { OutputKind, ProjectConfig } from "./config.js";
import { SpecError } from "./errors.js";
import { regexesIn } from "./lint/find-patterns.js";
import type { Judge } from "./lint/judge.js";
import type { RefPolicy } from "./load/policy.js";
import type { SpecFile } from "./load/read.js";
import type { Model } from "./model/types.js";

/**
 * Whether a run asks recheck about its regexes: to refuse unsafe ones (unless the config allows
 * them), and for the validators' warnings.
 */
export const judgesPatterns = (config: ProjectConfig, kinds: readonly OutputKind[]): boolean =>
  config.allowUnsafePatterns !== true || kinds.includes("validators");

/** The regexes of a run being judged while its specs are bundled. */
export interface JudgingWhileBundling {
  /** The `$ref` policy to bundle with: it sends the regexes of each file the resolver parses. */
  refs: RefPolicy;
  /** The judge of the run's regexes (see lint/judge.ts). */
  judge: Judge;
}

/**
 * Starts judging, on the judge's worker thread, the regexes of the spec files read and of every file
 * their `$ref`s reach as the bundler parses it. A large spec file goes to the worker as text (walking
 * it here would cost this thread); a small one's regexes are found here.
 */
export async function judgeWhileBundling(
  specFiles: readonly SpecFile[],
  large: boolean,
  refs: RefPolicy,
  budgetMs?: number,
): Promise<JudgingWhileBundling> {
  const judge = await newJudge(budgetMs);
  if (large) judge.files(specFiles);
  else for (const file of specFiles) judgeDocument(judge, file.doc);
  const parsed = (doc: unknown, textSoFar: number) => {
    refs.parsed?.(doc, textSoFar);
    judgeDocument(judge, doc);
  };
  return { refs: { ...refs, parsed }, judge };
}

/** A judge for a run (loaded when the run has regexes to judge). */
async function newJudge(budgetMs: number | undefined): Promise<Judge> {
  const { Judge } = await import("./lint/judge.js");
  return new Judge({ budgetMs });
}

/** Sends the regexes of a parsed document to the judge. */
function judgeDocument(judge: Judge, doc: unknown): void {
  judge.send(regexesIn(doc));
}

/**
 * Waits until every one of `patterns` has recheck's verdict: those judged while bundling, then
 * the rest (an overlay's, say) on the same worker, which then ends.
 */
async function verdictsFor(patterns: Iterable<string>, judge: Judge): Promise<void> {
  judge.send(patterns);
  judge.finish();
  await judge.settled();
}

/**
 * Judges `patterns` on a worker of their own (the incremental path, `validate`), so that what asks
 * for their verdicts next finds them made and does not call recheck synchronously.
 */
export async function judgeAll(patterns: Iterable<string>, budgetMs?: number): Promise<void> {
  const judge = await newJudge(budgetMs);
  try {
    await verdictsFor(patterns, judge);
  } finally {
    judge.close();
  }
}

/**
 * The verdicts on every regex of the model, then the gate (see {@link refuseUnsafePatterns}) when
 * `gate`: started, not awaited, so that the emitters work while the last verdicts come (one check
 * may take up to recheck's 30 s). The validators emitter waits for it before its warnings
 * about unsafe regexes, the pipeline before it writes; its rejection (a refused regex, a failed
 * check) is the run's error, whatever an emitter threw meanwhile. Without `ahead` (the incremental
 * path), a judge is started for the model's regexes and closed once they are judged.
 */
export function patternsJudged(
  model: Model,
  ahead: JudgingWhileBundling | undefined,
  gate: Gate | undefined,
  budgetMs?: number,
): Promise<void> {
  const patterns = model.specs.flatMap((spec) => [...spec.facts.patterns]);
  const judged = (async () => {
    await (ahead ? verdictsFor(patterns, ahead.judge) : judgeAll(patterns, budgetMs));
    if (gate) await refuseUnsafePatterns(model, gate.specFiles, gate.root);
  })();
  // Awaited later: until then a rejection must not count as unhandled.
  judged.catch(() => undefined);
  return judged;
}

/** Where the gate finds a refused regex's file and line. */
export interface Gate {
  specFiles: SpecFile[];
  root: string;
}

/**
 * A regex that can backtrack exponentially would be run by the generated validators on every
 * value they check (the client, on every answer a server sends), where a few dozen crafted
 * characters hang it: no output is written for it unless the config says
 * `allowUnsafePatterns: true` (then each is a warning, as polynomial ones always are). The error names the
 * first one's file, line and pointer, and counts the rest.
 */
async function refuseUnsafePatterns(model: Model, specFiles: SpecFile[], root: string): Promise<void> {
  const { unsafePatterns } = await import("./lint/patterns.js");
  // Polynomial ones (`f.*o`, common in real specs) only slow long inputs: the emitter warns of them.
  const all = model.specs.flatMap((spec) =>
    unsafePatterns(spec.document)
      .filter((f) => f.exponential)
      .map((found) => ({ spec, found })),
  );
  const first = all[0];
  if (first === undefined) return;
  const { spec, found } = first;
  const more = all.length > 1 ? ` (and ${all.length - 1} more)` : "";
  const message =
    `the regular expression ${JSON.stringify(found.pattern)} may backtrack catastrophically ` +
    `(${found.hazard})${more}: ` +
    "the generated validators would run it on every value they check, so a short crafted string could hang them. " +
    'Rewrite it so that each character can be matched only one way, or set "allowUnsafePatterns": true in the config';
  const file = specFiles.find((f) => relative(root, f.path).split(sep).join("/") === spec.source);
  const { textLocator } = await import("./load/locate.js");
  const at = file ? textLocator(file.path, file.text)(found.pointer) : undefined;
  throw new SpecError(message, file?.path ?? spec.source, at?.line, at?.col, found.pointer);
}
