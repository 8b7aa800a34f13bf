/**
 * `specgen validate`'s findings printed through lint's formatter (Redocly's `formatProblems`):
 * the `codeframe`, `stylish` and `checkstyle` formats read them as problems of the documents
 * checked, each at its line and column in the text that was read.
 *
 * @module
 */
import { Source, type NormalizedProblem } from "@redocly/openapi-core";
import type { Finding } from "./types.js";

/** The formats `validate` shares with `lint` (printed by Redocly's formatter). */
const LINT_FORMATS = ["codeframe", "stylish", "checkstyle"] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** Whether `format` is one that lint's formatter prints. */
export function isLintFormat(format: string): format is LintFormat {
  return (LINT_FORMATS as readonly string[]).includes(format);
}

/**
 * The findings as problems of the rule `specgen/validate`, in the text each file had (`texts`, by
 * the name the finding gives); a finding with no place (a URL that failed) stands at the start.
 */
export function findingProblems(
  findings: readonly Finding[],
  texts: ReadonlyMap<string, string>,
  describe: (finding: Finding) => string,
): NormalizedProblem[] {
  const sources = new Map<string, Source>();
  const sourceOf = (file: string): Source => {
    let source = sources.get(file);
    if (!source) {
      source = new Source(file, texts.get(file) ?? "");
      sources.set(file, source);
    }
    return source;
  };
  return findings.map((f) => ({
    ruleId: "specgen/validate",
    severity: "error",
    message: describe(f),
    location: [{ source: sourceOf(f.file), pointer: undefined, start: { line: f.line ?? 1, col: f.col ?? 1 } }],
    suggest: [],
  }));
}
