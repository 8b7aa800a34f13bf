/**
 * Whether a regex compiles, and whether it may backtrack catastrophically, decided by recheck (an
 * exact ReDoS analyser for ECMAScript regexes), with its verdicts kept per pattern; the verdicts
 * are made on the judge's worker thread (judge.ts, judge-worker.ts). Apart from the lint rules
 * (patterns.ts), so that the worker loads neither Redocly nor the walker.
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

/**
 * Whether `pattern` waits for a verdict: it compiles and has none yet, or only {@link BUDGET_SPENT}
 * from a run before (each run has its own budget; see judge.ts).
 */
export const unjudged = (pattern: string): boolean =>
  (!hazards.has(pattern) || hazards.get(pattern) === BUDGET_SPENT) && patternError(pattern) === undefined;

/** Keeps recheck's diagnostics of `pattern`, made on the judge's worker (judge.ts), as its verdict. */
export function recordVerdict(pattern: string, result: Diagnostics): void {
  if (unjudged(pattern)) hazards.set(pattern, verdict(pattern, result));
}

/** Records that `pattern` was not judged because the run's judging time was spent (see judge.ts). */
export function recordSpent(pattern: string): void {
  if (unjudged(pattern)) hazards.set(pattern, BUDGET_SPENT);
}

/**
 * Set while a run's judging time is spent: a regex without a verdict then gets {@link BUDGET_SPENT}
 * rather than a synchronous check (judge.ts sets it, and clears it when the run ends).
 */
let budgetSpent = false;
export const setBudgetSpent = (spent: boolean): void => {
  budgetSpent = spent;
};

/**
 * The hazard of a regex recheck could not judge within its time (recheck-options.ts): reported
 * as unsafe, but as polynomial, so that `generate` warns of it and does not refuse the spec.
 */
export const NOT_JUDGED = `not judged within ${JUDGE_TIMEOUT_S} s, so not known to be safe (polynomial backtracking)`;

/**
 * The hazard of a regex left unjudged because the run's whole judging time (see judge.ts) was
 * spent on others: like {@link NOT_JUDGED}, a warning, never a refusal.
 */
export const BUDGET_SPENT =
  "not judged, as the run's time for judging regexes was spent, so not known to be safe (polynomial backtracking)";

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
 * compile. Its verdict is normally in: the judge's worker (judge.ts) made it before anything asks. One
 * that is not (the worker failed, or nobody sent it) is made here, through recheck's synchronous call,
 * which blocks this thread; a run whose judging time is spent gets {@link BUDGET_SPENT} instead.
 */
export function backtrackingHazard(pattern: string): string | undefined {
  const known = hazards.get(pattern);
  if (known !== undefined || hazards.has(pattern)) return known;
  if (budgetSpent) return BUDGET_SPENT;
  const hazard = verdict(pattern, loadRecheck().checkSync(pattern, flagsOf(pattern), checkOptions()));
  hazards.set(pattern, hazard);
  return hazard;
}

/** Whether `pattern` compiles and recheck judged it prone to catastrophic backtracking: never run it. */
export function isUnsafePattern(pattern: string): boolean {
  return patternError(pattern) === undefined && backtrackingHazard(pattern) !== undefined;
}
