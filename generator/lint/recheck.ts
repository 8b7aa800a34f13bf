/**
 * Whether a regex compiles, and whether it may backtrack catastrophically, decided by recheck (an
 * exact ReDoS analyser for ECMAScript regexes), with its verdicts kept per pattern. Apart from the
 * lint rules (patterns.ts), so that a worker judging patterns ahead (judge-ahead.ts) loads
 * neither Redocly nor the walker.
 *
 * @module
 */
import { createRequire } from "node:module";
import type { Diagnostics } from "recheck";
import { checkOptions, JUDGE_TIMEOUT_S } from "./recheck-options.js";
import { compiles } from "../load/regex.js";

/**
 * Why `pattern` compiles in no mode, or undefined. Ajv uses `u` and falls back to plain mode (see emit/validators.ts).
 */
export function patternError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (unicode) {
    try {
      new RegExp(pattern);
      return undefined;
    } catch {
      return (unicode as Error).message.replace(/^Invalid regular expression: /, "");
    }
  }
}

/** recheck's verdicts, by pattern: lint's rule, the example check and `generate` ask about the same ones. */
const hazards = new Map<string, string | undefined>();

type Recheck = typeof import("recheck");
let recheck: Recheck | undefined;
/** recheck is 3 MB of compiled Scala.js: it is loaded when the first regex is judged, not with lint. */
const loadRecheck = (): Recheck => (recheck ??= createRequire(import.meta.url)("recheck") as Recheck);

/** The flags a regex is judged with: `u` when it compiles so, as the validators compile it. */
export const flagsOf = (pattern: string) => (compiles(pattern, "u") ? "u" : "");

/** Whether `pattern` waits for a verdict: it compiles and has none yet (see judge.ts, lint's judging worker). */
export const unjudged = (pattern: string): boolean => !hazards.has(pattern) && patternError(pattern) === undefined;

/** Keeps recheck's diagnostics of `pattern`, made on lint's judging worker (judge.ts), as its verdict. */
export function recordVerdict(pattern: string, result: Diagnostics): void {
  hazards.set(pattern, verdict(pattern, result));
}

/**
 * The hazard of a regex recheck could not judge within its time (recheck-options.ts): reported
 * as unsafe, but as polynomial, so that `generate` warns of it and does not refuse the spec.
 */
export const NOT_JUDGED = `not judged within ${JUDGE_TIMEOUT_S} s, so not known to be safe (polynomial backtracking)`;

/** The verdict recheck's diagnostics give `pattern`: the part that backtracks, with the complexity. */
function verdict(pattern: string, result: Diagnostics): string | undefined {
  if (result.status === "unknown" && result.error.kind === "timeout") return NOT_JUDGED;
  if (result.status !== "vulnerable") return undefined;
  const hot = result.hotspot.map((h) => pattern.slice(h.start, h.end)).filter(Boolean);
  const where = hot.length ? [...new Set(hot)].join(", ") : pattern;
  return `${where} (${result.complexity.type} backtracking)`;
}

/**
 * The part of `pattern` that may backtrack catastrophically (with the complexity), or undefined. `pattern` must
 * compile. A pattern not judged ahead (see judgePatterns) is judged here, through recheck's
 * synchronous call, which runs its checker on a worker thread of its own.
 */
export function backtrackingHazard(pattern: string): string | undefined {
  if (hazards.has(pattern)) return hazards.get(pattern);
  const hazard = verdict(pattern, loadRecheck().checkSync(pattern, flagsOf(pattern), checkOptions()));
  hazards.set(pattern, hazard);
  return hazard;
}

/**
 * Judges `patterns` ahead, one at a time, through recheck's asynchronous call, so that the lint
 * rules and `generate`, which ask synchronously, find every verdict made. The same checker gives
 * the same verdicts either way, but the synchronous call starts a worker thread that loads
 * recheck a second time and waits on it: on the 72 Matrix client-server files that was about a
 * second of a lint's wall time. Patterns that do not compile are pattern-valid's and skipped.
 * Settles once each has its verdict, those queued before by {@link judgeSoon} too.
 */
export async function judgePatterns(patterns: Iterable<string>): Promise<void> {
  const all = [...new Set(patterns)];
  judgeSoon(all);
  // Taken now: a check is dropped from `judging` once answered.
  const answers = all.map((pattern) => judging.get(pattern));
  for (const answer of answers) await answer;
}

/** The checks queued and not yet answered, by pattern; each starts once the one before has its answer. */
const judging = new Map<string, Promise<void>>();
let lastQueued: Promise<unknown> = Promise.resolve();

/**
 * Queues `patterns` for judging without waiting for the verdicts: `generate`'s judging worker
 * (judge-ahead-worker.ts) queues each batch of regexes as it arrives, so that recheck's agent (a
 * process of its own) is kept busy; {@link judgePatterns} then waits for what is still queued.
 * One check at a time, as judgePatterns always did: recheck's 2 s timeout is then spent on one
 * regex only, so a slow verdict does not depend on how many others run beside it.
 */
export function judgeSoon(patterns: Iterable<string>): void {
  for (const pattern of patterns) {
    if (hazards.has(pattern) || judging.has(pattern) || patternError(pattern) !== undefined) continue;
    const judged = lastQueued.then(async () => {
      const result = await loadRecheck().check(pattern, flagsOf(pattern), checkOptions());
      hazards.set(pattern, verdict(pattern, result));
    });
    judging.set(pattern, judged);
    // A failed check is reported to whoever waits for it (judgePatterns), then asked again.
    lastQueued = judged.catch(() => undefined);
    void lastQueued.then(() => judging.delete(pattern));
  }
}

/** Whether `pattern` compiles and recheck judged it prone to catastrophic backtracking: never run it. */
export function isUnsafePattern(pattern: string): boolean {
  return patternError(pattern) === undefined && backtrackingHazard(pattern) !== undefined;
}

/** The verdicts made so far on `patterns` (those judged, once each), to hand to another thread. */
export function verdictsOf(patterns: Iterable<string>): Array<[string, string | undefined]> {
  return [...new Set(patterns)].filter((p) => hazards.has(p)).map((p) => [p, hazards.get(p)]);
}

/** Takes verdicts made on another thread (see judge-ahead.ts) as if made here; one made here stays. */
export function adoptVerdicts(verdicts: ReadonlyArray<readonly [string, string | undefined]>): void {
  for (const [pattern, hazard] of verdicts) if (!hazards.has(pattern)) hazards.set(pattern, hazard);
}
