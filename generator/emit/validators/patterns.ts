/**
 * The regular expressions of a spec as Ajv reads them, and the warnings they call for.
 *
 * @module
 */
import { compiles, unicodeEquivalent } from "../../load/regex.js";
import { unsafePatterns } from "../../lint/patterns.js";
import type { SpecModel } from "../../model/types.js";

/** How a spec's patterns are compiled: see {@link patternReading}. */
export interface PatternReading {
  /** Whether Ajv compiles the spec's patterns without the `u` flag. */
  plain: boolean;
  /** Patterns rewritten in their Unicode form (empty when `plain`), original → rewritten. */
  unicode: ReadonlyMap<string, string>;
}

/**
 * Ajv compiles `pattern` with the `u` flag, which rejects identity escapes that plain ECMAScript
 * regexes accept and that real specs use (`[\-\:]`). Such patterns are compiled in their Unicode
 * form (load/regex.ts), with a warning; a spec with one that needs more is compiled without `u`.
 */
export function patternReading(
  spec: SpecModel,
  patterns: ReadonlySet<string>,
  warn: ((message: string) => void) | undefined,
): PatternReading {
  const legacy = [...patterns].filter((p) => !compiles(p, "u") && compiles(p, "")).sort();
  const unicode = new Map(
    legacy.flatMap((p): Array<[string, string]> => {
      const u = unicodeEquivalent(p);
      return u === undefined ? [] : [[p, u]];
    }),
  );
  const plain = unicode.size < legacy.length;
  if (legacy.length) {
    const how = plain
      ? "this spec's validators use non-Unicode regular expressions"
      : "their escaped punctuation (such as \\:) is read as the plain character, as non-Unicode mode reads it";
    const listed = legacy
      .slice(0, 3)
      .map((p) => JSON.stringify(p))
      .join(", ");
    const more = legacy.length > 3 ? ", …" : "";
    warn?.(`${spec.source}: pattern(s) ${listed}${more} are not valid Unicode regular expressions; ${how}`);
  }
  return { plain, unicode: plain ? new Map() : unicode };
}

/**
 * Warns, naming each place, about every regex of the spec that recheck judges prone to
 * catastrophic backtracking (lint's `specgen/pattern-safe`): the validators run it on every value
 * they check, the client on every answer, so a long crafted string can hang them. `generate`
 * refuses such a spec unless `allowUnsafePatterns` is set (see generate.ts). No linear-time
 * engine is used instead: the native RE2 binding needs a compiler or a prebuilt download, and a
 * pure-JS port (re2js) reads a different syntax (no lookaround, no backreferences) and would
 * ship its whole engine in every generated package; the fix belongs in the spec's regex.
 * With `within`, only the regexes at the pointers it accepts (those one validator runs).
 */
export function warnUnsafePatterns(
  spec: SpecModel,
  warn: (message: string) => void,
  within?: (pointer: string) => boolean,
): void {
  for (const found of unsafePatterns(spec.document, within)) {
    warn(
      `${spec.source}#${found.pointer}: the regular expression ${JSON.stringify(found.pattern)} ` +
        `may backtrack catastrophically (${found.hazard}); the generated validators run it on every value they ` +
        "check (the client on every answer), so a long crafted string can hang them: rewrite it so that " +
        "each character can be matched only one way",
    );
  }
}
