import { Source, type NormalizedProblem } from "@redocly/openapi-core";
import type { UserContext } from "@redocly/openapi-core/lib/walk.js";
import { unescapeToken } from "../load/pointer.js";
import { findPatterns, patternsOf } from "./find-patterns.js";
import { backtrackingHazard, BUDGET_SPENT, NOT_JUDGED, patternError } from "./recheck.js";
import { JUDGE_TIMEOUT_S } from "./recheck-options.js";

export { findPatterns } from "./find-patterns.js";
export { backtrackingHazard, isUnsafePattern, patternError } from "./recheck.js";

/**
 * `pattern` and `patternProperties` checks: a regex no validator can compile (an error), and
 * one prone to catastrophic backtracking (a warning: a long non-matching string can hang the
 * generated validator, and so a client or server using it).
 */

// ---------------------------------------------------------------------------------------------
// Redocly rules (OpenAPI documents) and a walker (bare JSON Schema files, the generate gate).

/** A regex of a document that recheck judges prone to catastrophic backtracking. */
export interface UnsafePattern {
  pointer: string;
  pattern: string;
  /** The part that backtracks, with the complexity. */
  hazard: string;
  /** Exponential (a few dozen characters hang it), not polynomial (long inputs slow it). */
  exponential: boolean;
}

/**
 * The unsafe regexes of a document (once per place; regexes that do not compile are pattern-valid's);
 * with `within`, only those at the pointers it accepts are judged and given.
 */
export function unsafePatterns(doc: unknown, within?: (pointer: string) => boolean): UnsafePattern[] {
  const known = typeof doc === "object" && doc !== null ? unsafeIn.get(doc) : undefined;
  if (known) return within ? known.filter((p) => within(p.pointer)) : [...known];
  const out: UnsafePattern[] = [];
  const seen = new Set<string>();
  for (const found of findPatterns(doc)) {
    if (seen.has(found.pointer) || patternError(found.pattern) !== undefined) continue;
    if (within && !within(found.pointer)) continue;
    seen.add(found.pointer);
    const hazard = backtrackingHazard(found.pattern);
    if (hazard !== undefined)
      out.push({
        pointer: found.pointer,
        pattern: found.pattern,
        hazard,
        exponential: hazard.endsWith("(exponential backtracking)"),
      });
  }
  // Only a whole document's answer is kept: a part's would be taken for the whole next time.
  if (!within && typeof doc === "object" && doc !== null) unsafeIn.set(doc, out);
  return [...out];
}

/**
 * What {@link unsafePatterns} found in a document, kept: `generate`'s gate and the validators'
 * warnings ask it of the same modelled document, which nothing changes once built, and each
 * answer is a walk of the whole document. (A verdict once made never changes either.)
 */
const unsafeIn = new WeakMap<object, readonly UnsafePattern[]>();

const invalidMessage = (pattern: string, key: boolean, where: string, why: string) =>
  `Invalid regular expression in ${key ? "a `patternProperties` key" : "`pattern`"} of ${where}: ` +
  `${JSON.stringify(pattern)} (${why}).`;
const hazardMessage = (pattern: string, key: boolean, where: string, part: string) =>
  `${key ? "The `patternProperties` key" : "The `pattern`"} ${JSON.stringify(pattern)} of ${where} may backtrack ` +
  (part === NOT_JUDGED
    ? `catastrophically: recheck could not decide within ${JUDGE_TIMEOUT_S} s whether a long string can hang it.`
    : part === BUDGET_SPENT
      ? "catastrophically: recheck did not judge it, as the run's time for judging regexes was spent on others."
      : `catastrophically: \`${part}\` repeats a part that can match the same text in several ways, so a long ` +
        "non-matching string can hang validation.");

/** `components.schemas.Foo`, or the schema's pointer when it is not a named component. */
function schemaName(pointer: string): string {
  const named = /^#?\/components\/schemas\/([^/]+)(.*)$/.exec(pointer);
  if (named) return `schema ${unescapeToken(named[1]!)}${named[2] ? ` (at ${named[2]})` : ""}`;
  return `the schema at ${pointer.replace(/^#/, "") || "/"}`;
}

type Node = Record<string, unknown>;
type Visitor = Record<string, { enter?: (node: Node, ctx: UserContext) => void }>;

/** `specgen/pattern-valid`: every regex compiles. */
export function patternValid(): Visitor {
  return {
    Schema: {
      enter(schema, ctx) {
        for (const f of patternsOf(schema)) {
          const why = patternError(f.pattern);
          if (why)
            ctx.report({
              message: invalidMessage(f.pattern, f.key, schemaName(ctx.location.pointer), why),
              location: f.key ? ctx.location.child(f.at).key() : ctx.location.child(f.at),
            });
        }
      },
    },
  };
}

/** `specgen/pattern-safe`: no regex prone to catastrophic backtracking. */
export function patternSafe(): Visitor {
  return {
    Schema: {
      enter(schema, ctx) {
        for (const f of patternsOf(schema)) {
          if (patternError(f.pattern)) continue;
          const part = backtrackingHazard(f.pattern);
          if (part)
            ctx.report({
              message: hazardMessage(f.pattern, f.key, schemaName(ctx.location.pointer), part),
              location: f.key ? ctx.location.child(f.at).key() : ctx.location.child(f.at),
            });
        }
      },
    },
  };
}

/**
 * The same checks over a whole JSON Schema file, as problems located in it: `pattern-valid`
 * errors, and with `safety` also `pattern-safe` warnings.
 */
export function patternProblems(path: string, text: string, doc: unknown, safety: boolean): NormalizedProblem[] {
  const problems: NormalizedProblem[] = [];
  let source: Source | undefined;
  for (const f of findPatterns(doc)) {
    const parent = f.pointer.replace(f.key ? /\/patternProperties\/[^/]*$/ : /\/pattern$/, "");
    const why = patternError(f.pattern);
    const part = why || !safety ? undefined : backtrackingHazard(f.pattern);
    if (!why && !part) continue;
    source ??= new Source(path, text);
    problems.push({
      ruleId: why ? "specgen/pattern-valid" : "specgen/pattern-safe",
      severity: why ? "error" : "warn",
      message: why
        ? invalidMessage(f.pattern, f.key, schemaName(parent), why)
        : hazardMessage(f.pattern, f.key, schemaName(parent), part!),
      location: [{ source, pointer: `#${f.pointer}`, reportOnKey: f.key }],
      suggest: [],
    });
  }
  return problems;
}
