/**
 * How `specgen validate` prints its findings: its own formats (`text`, `github-actions`, `json`)
 * as output lines, and lint's (`codeframe`, `stylish`, `checkstyle`) as problems for the one
 * formatter lint prints through (the CLI's `printProblems`, Redocly's `formatProblems`).
 *
 * @module
 */
import type { NormalizedProblem } from "@redocly/openapi-core";
import { displayPointer } from "../runtime/validation.js";
import { findingProblems, isLintFormat } from "./lint-format.js";
import type { Finding, ValidateFormat } from "./types.js";

/** The findings as lines to print, or, in a format lint shares, as problems for lint's formatter. */
export function reportFindings(
  findings: readonly Finding[],
  format: ValidateFormat,
  texts: ReadonlyMap<string, string>,
): { stdout: string[]; problems?: NormalizedProblem[] } {
  if (isLintFormat(format)) return { stdout: [], problems: findingProblems(findings, texts, findingText) };
  if (format === "json") return { stdout: [JSON.stringify(findings, null, 2)] };
  return { stdout: findings.map((f) => (format === "text" ? textLine(f) : annotation(f))) };
}

/** `text`: `file:line:col: pointer message (overlay rule: …)`. */
function textLine(f: Finding): string {
  return `${f.file}${f.line !== undefined ? `:${f.line}:${f.col}` : ""}: ${findingText(f)}`;
}

/** `github-actions`: a workflow command that annotates the file (values escaped as GitHub's toolkit does). */
function annotation(f: Finding): string {
  const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const property = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const place = f.line !== undefined ? `,line=${f.line},col=${f.col}` : "";
  return `::error file=${property(f.file)}${place},title=${property("specgen validate")}::${data(findingText(f))}`;
}

/** What a finding says, without its file and place: `pointer message (overlay rule: …)`. */
function findingText(f: Finding): string {
  const rule = f.rule ? ` (overlay rule: ${f.rule.description} [${f.rule.action}])` : "";
  return `${f.pointer !== undefined ? `${displayPointer(f.pointer)} ` : ""}${f.message}${rule}`;
}
