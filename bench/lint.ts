// Item 2 of issue #21: `specgen lint` against `@redocly/cli lint`, both given the same
// redocly.yaml (`extends: recommended`) from the same empty folder, on the same files.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SPECGEN_RULE_DEFAULTS } from "../generator/lint/plugin.js";
import type { Bench } from "./context.js";
import { compare, timeCommand } from "./measure.js";
import { fmt, row, type Row, type Target } from "./table.js";

/** The 72 OpenAPI files of the Matrix client-server API. */
export function clientServerFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The inputs of --quick: every sixth file (12 of the 72), plus `keep` (a file a row edits) if it
 * is not among them. Figures on fewer files weigh start-up more: rougher, for development only.
 */
export function quickSubset(files: string[], keep?: string): string[] {
  const some = files.filter((_, i) => i % 6 === 0);
  return keep === undefined || some.includes(keep) ? some : [...some, keep];
}

/**
 * The two lint configurations: `same` is Redocly's `recommended`, read by both tools (specgen adds
 * its own rules on top, as `specgen lint` always does); `redoclyOnly` turns specgen's own rules
 * off, so that specgen runs exactly Redocly's rules. Each is a folder holding a redocly.yaml, the
 * working directory of the runs (so neither tool sees this repository's redocly.yaml).
 */
export function lintConfigs(b: Bench): { same: string; redoclyOnly: string } {
  const same = b.scratch("lint-same");
  writeFileSync(join(same, "redocly.yaml"), "extends:\n  - recommended\n");
  const redoclyOnly = b.scratch("lint-redocly-only");
  const off = Object.keys(SPECGEN_RULE_DEFAULTS)
    .map((r) => `  ${r}: off\n`)
    .join("");
  writeFileSync(join(redoclyOnly, "redocly.yaml"), `extends:\n  - recommended\nrules:\n${off}`);
  return { same, redoclyOnly };
}

/** One lint input: its files, how many alternating runs it gets, and the targets of its main row. */
export interface LintInput {
  label: string;
  files: string[];
  maxRuns: number;
  /** A large input: no warm-up run, and no reported row with only Redocly's rules (minutes each). */
  large?: boolean;
  /** Each target gives the main row once, labelled with the issue that set it. */
  targets: ReadonlyArray<{ issue: string; target: Target }>;
}

/** #21 item 2, for every input. */
export const LINT_TARGET = { issue: "#21", target: { op: "<=", bound: 0.7, unit: "x" } } as const;
/** #18 item 5, for GitHub REST. */
export const LINT_TARGET_18 = { issue: "#18", target: { op: "<=", bound: 1.0, unit: "x" } } as const;

/** The name of an input's main row for one target (also its not-run row under --quick). */
export function mainLintRow(label: string, issue: string): string {
  const what = "specgen lint (recommended + its own rules) vs @redocly/cli lint (recommended), wall";
  return `${label}: ${what} (${issue} target)`;
}

/**
 * Rows for one lint input: wall of `specgen lint` / wall of `redocly lint`, whole processes, run
 * alternately. The main rows (specgen's own rules on, as `specgen lint` always runs) carry the
 * targets; the last (specgen running only Redocly's rules) is reported, to show what specgen's
 * own rules cost. Linters exit 1 when they report errors: a complete run, so 1 counts as success.
 */
export function lintRows(b: Bench, item: number, input: LintInput): Row[] {
  const { same, redoclyOnly } = lintConfigs(b);
  const redocly = join(b.root, "node_modules/@redocly/cli/bin/cli.js");
  const theirs = () => timeCommand(b.node, [redocly, "lint", ...input.files], same, [0, 1]);
  const ours = (cwd: string) => () => timeCommand(b.node, [b.specgen, "lint", ...input.files], cwd, [0, 1]);
  const runs = Math.min(b.runs, input.maxRuns);
  const measure = (cwd: string) => {
    const r = compare(runs, ours(cwd), theirs, !input.large);
    const measured = `${fmt(r.a, "ms")}, median of ${runs}`;
    return { value: r.ratio, unit: "x", measured, anchor: `@redocly/cli ${fmt(r.b, "ms")}` };
  };
  const main = measure(same);
  const rows = input.targets.map(({ issue, target }) =>
    row({ item, row: mainLintRow(input.label, issue), ...main, target }),
  );
  if (input.large) return rows;
  const only = measure(redoclyOnly);
  const onlyWhat = "specgen lint with only Redocly's rules vs @redocly/cli lint, wall";
  rows.push(row({ item, row: `${input.label}: ${onlyWhat}`, ...only }));
  return rows;
}
