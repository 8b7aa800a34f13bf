// The bench's one table: every measurement is a Row (data), printed as Markdown at the end of
// `npm run bench` and written as JSON for notes. A module that measures something returns Rows;
// run.ts only collects them. Not a test: nothing here asserts.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** `value` must be `op` `bound` to pass; `unit` is how both print ("x" for a ratio). */
export interface Target {
  op: "<" | "<=" | ">=" | ">";
  bound: number;
  unit: string;
}

export interface Row {
  /** Issue #21's item number (1–5), so the table reads in the issue's order. */
  item: number;
  /** What is measured, e.g. "rebilly.yaml: full pipeline vs openapi-typescript types, wall". */
  row: string;
  /** The figure the target reads (a ratio, or an absolute quantity); undefined when not run. */
  value: number | undefined;
  /** Unit of `value`: "x" for ratios, else "ms", "B", "MB", "req/s"… */
  unit: string;
  /** Our own figure behind a ratio, in words ("3,120 ms"); empty for absolute rows. */
  measured: string;
  /** What the row is measured against, with its figure ("openapi-typescript 2,050 ms"), or "—". */
  anchor: string;
  /** Absent: reported only (kept for the story, no target). */
  target?: Target;
  /** true/false against the target; undefined when reported only or not run. */
  pass: boolean | undefined;
  /** Why the row has no value (e.g. "not run with --quick"), or a caveat worth a line. */
  note?: string;
}

export function meets(value: number, t: Target): boolean {
  switch (t.op) {
    case "<":
      return value < t.bound;
    case "<=":
      return value <= t.bound;
    case ">=":
      return value >= t.bound;
    case ">":
      return value > t.bound;
  }
}

/** A measured row: `pass` follows from the value and the target (none: reported only). */
export function row(fields: Omit<Row, "pass" | "value"> & { value: number }): Row {
  const pass = fields.target && Number.isFinite(fields.value) ? meets(fields.value, fields.target) : undefined;
  return { ...fields, pass };
}

/** A row that was not measured in this run, so the table still lists every row of the issue. */
export function notRun(item: number, name: string, target: Target | undefined, note: string): Row {
  const unit = target?.unit ?? "";
  const base = { item, row: name, value: undefined, unit, measured: "", anchor: "—", pass: undefined, note };
  return target ? { ...base, target } : base;
}

const group = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * A figure for the table: ratios with two decimals, values under 100 with one (so that 99.9 ms
 * never prints as a passing "100 ms"), others as grouped integers.
 */
export function fmt(value: number, unit: string): string {
  if (unit === "x") return `${value.toFixed(2)}×`;
  const digits = Math.abs(value) < 100 ? value.toFixed(1) : group.format(value);
  return `${digits} ${unit}`;
}

function targetText(t: Target | undefined): string {
  if (!t) return "reported";
  const op = { "<": "<", "<=": "≤", ">=": "≥", ">": ">" }[t.op];
  return t.unit === "x" ? `${op} ${t.bound}×` : `${op} ${group.format(t.bound)} ${t.unit}`;
}

function mark(r: Row): string {
  if (r.value === undefined) return "not run";
  if (r.pass === undefined) return "—";
  return r.pass ? "pass" : "**FAIL**";
}

/** Table cells are spec-free text written here, but a `|` would still split a cell. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The Markdown table: item, row, measured, anchor, target, pass/fail; rows in item order (stable). */
export function table(rows: readonly Row[]): string {
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.item - b.r.item || a.i - b.i)
    .map((x) => x.r);
  const lines = ["| # | row | measured | anchor | target | pass |", "| --- | --- | --- | --- | --- | --- |"];
  for (const r of sorted) {
    const value = r.value === undefined ? (r.note ?? "") : fmt(r.value, r.unit);
    const detail = r.value !== undefined ? [r.measured, r.note].filter(Boolean).join("; ") : "";
    const measured = detail ? `${value} (${detail})` : value;
    const cells = [String(r.item), r.row, measured, r.anchor, targetText(r.target), mark(r)];
    lines.push(`| ${cells.map(cell).join(" | ")} |`);
  }
  return lines.join("\n");
}

export interface Results {
  mode: "quick" | "full";
  runs: number;
  node: string;
  date: string;
  rows: Row[];
}

/** Writes the rows and how they were measured as JSON (for the issue note), creating the folder. */
export function writeResults(path: string, results: Results): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
