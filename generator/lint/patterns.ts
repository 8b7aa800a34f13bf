import type { UserContext } from "@redocly/openapi-core/lib/walk.js";
import { createRequire } from "node:module";
import type { Diagnostics } from "recheck";
import { checkOptions } from "./recheck-options.js";
import { isObject } from "../load/refs.js";
import { compiles } from "../load/regex.js";
import { formatPointer, unescapeToken } from "../load/pointer.js";
import { walk } from "../load/walk.js";

/**
 * `pattern` and `patternProperties` checks: a regex no validator can compile (an error), and
 * one prone to catastrophic backtracking (a warning: a long non-matching string can hang the
 * generated validator, and so a client or server using it).
 */

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

// ---------------------------------------------------------------------------------------------
// Catastrophic backtracking, decided by recheck (an exact ReDoS analyser for ECMAScript regexes).

/** recheck's verdicts, by pattern: lint's rule, the example check and `generate` ask about the same ones. */
const hazards = new Map<string, string | undefined>();

type Recheck = typeof import("recheck");
let recheck: Recheck | undefined;
/** recheck is 3 MB of compiled Scala.js: it is loaded when the first regex is judged, not with lint. */
const loadRecheck = (): Recheck => (recheck ??= createRequire(import.meta.url)("recheck") as Recheck);

/** The flags a regex is judged with: `u` when it compiles so, as the validators compile it. */
export const flagsOf = (pattern: string) => (compiles(pattern, "u") ? "u" : "");

/** Whether `pattern` waits for a verdict: it compiles and has none yet (see judge.ts). */
export const unjudged = (pattern: string): boolean => !hazards.has(pattern) && patternError(pattern) === undefined;

/** Keeps recheck's diagnostics of `pattern`, made elsewhere (see judge.ts), as its verdict. */
export function recordVerdict(pattern: string, result: Diagnostics): void {
  hazards.set(pattern, verdict(pattern, result));
}

/** The verdict recheck's diagnostics give `pattern`: the part that backtracks, with the complexity. */
function verdict(pattern: string, result: Diagnostics): string | undefined {
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
 */
export async function judgePatterns(patterns: Iterable<string>): Promise<void> {
  for (const pattern of new Set(patterns)) {
    if (hazards.has(pattern) || patternError(pattern) !== undefined) continue;
    const result = await loadRecheck().check(pattern, flagsOf(pattern), checkOptions());
    hazards.set(pattern, verdict(pattern, result));
  }
}

/** Whether `pattern` compiles and recheck judged it prone to catastrophic backtracking: never run it. */
export function isUnsafePattern(pattern: string): boolean {
  return patternError(pattern) === undefined && backtrackingHazard(pattern) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Redocly rules (OpenAPI documents) and a walker (bare JSON Schema files, the generate gate).

interface Found {
  /** JSON pointer of the keyword (`…/pattern`) or of the `patternProperties` key. */
  pointer: string;
  pattern: string;
  /** A `patternProperties` key rather than a `pattern` value. */
  key: boolean;
}

/** The regexes of one schema node. */
function patternsOf(schema: Record<string, unknown>): Array<{ at: string[]; pattern: string; key: boolean }> {
  const out: Array<{ at: string[]; pattern: string; key: boolean }> = [];
  if (typeof schema.pattern === "string") out.push({ at: ["pattern"], pattern: schema.pattern, key: false });
  if (isObject(schema.patternProperties)) {
    for (const p of Object.keys(schema.patternProperties))
      out.push({ at: ["patternProperties", p], pattern: p, key: true });
  }
  return out;
}

/** A regex of a document that recheck judges prone to catastrophic backtracking. */
export interface UnsafePattern {
  pointer: string;
  pattern: string;
  /** The part that backtracks, with the complexity. */
  hazard: string;
  /** Exponential (a few dozen characters hang it), not polynomial (long inputs slow it). */
  exponential: boolean;
}

/** The unsafe regexes of a document (once per place; regexes that do not compile are pattern-valid's). */
export function unsafePatterns(doc: unknown): UnsafePattern[] {
  const out: UnsafePattern[] = [];
  const seen = new Set<string>();
  for (const found of findPatterns(doc)) {
    if (seen.has(found.pointer) || patternError(found.pattern) !== undefined) continue;
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
  return out;
}

/**
 * Every `pattern`/`patternProperties` regex of a document, outside data (`enum`, examples, `x-…`)
 * and not taken from a name map's keys (a property, a response or a discriminator mapping may be
 * called `pattern`): the key table of load/keys.ts decides, through the shared walk.
 */
export function findPatterns(doc: unknown): Found[] {
  const out: Found[] = [];
  walk(doc, (place) => {
    if (place.names || Array.isArray(place.node)) return;
    const found = patternsOf(place.node);
    const at = found.length ? place.pointer() : "";
    for (const f of found) out.push({ pointer: `${at}${formatPointer(f.at)}`, pattern: f.pattern, key: f.key });
  });
  return out;
}

export const invalidMessage = (pattern: string, key: boolean, where: string, why: string) =>
  `Invalid regular expression in ${key ? "a `patternProperties` key" : "`pattern`"} of ${where}: ` +
  `${JSON.stringify(pattern)} (${why}).`;
export const hazardMessage = (pattern: string, key: boolean, where: string, part: string) =>
  `${key ? "The `patternProperties` key" : "The `pattern`"} ${JSON.stringify(pattern)} of ${where} may backtrack ` +
  `catastrophically: \`${part}\` repeats a part that can match the same text in several ways, so a long ` +
  "non-matching string can hang validation.";

/** `components.schemas.Foo`, or the schema's pointer when it is not a named component. */
export function schemaName(pointer: string): string {
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
