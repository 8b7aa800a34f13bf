// The codebase's shape limits (issue #16): no module over 300 lines and no line over 120
// characters, in the generator and in the tests, benchmarks and scripts; no generator function
// over 60 lines (test callbacks may be long: a `describe` holds its tests). Data tables are the
// only modules allowed past 300 lines.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { ROOT } from "./helpers.js";

const MODULE_LINES = 300;
const FUNCTION_LINES = 60;
const LINE_CHARS = 120;

/** Modules that are data tables (lists of keywords, names, codes), exempt from the module limit. */
const DATA_TABLES = new Set<string>([]);

/**
 * What is still over a limit, to be brought under it and removed from here. The test fails when
 * this list names something that is no longer over (so the list only shrinks) or misses
 * something that is (so nothing new goes over).
 */
const KNOWN: string[] = [];

/** Folders of generated output and of fixtures (files as tests want them): not held to the limits, as in biome.json. */
const NOT_CHECKED = ["test/snapshots/", "test/fixtures/"];

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => join(folder, f).split("\\").join("/"))
    .filter((f) => !NOT_CHECKED.some((folder) => f.startsWith(folder)))
    .sort();
}

/** The name a reader would use for a function node: its own, or the variable/property holding it. */
function functionName(node: ts.Node, file: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(file);
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))) return parent.name.getText(file);
  const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return `<anonymous at line ${line + 1}>`;
}

/** Every place in `path` over a limit, as "path: what"; `functions: false` leaves out the function limit. */
export function overLimits(path: string, text: string, { functions = true } = {}): string[] {
  const out: string[] = [];
  const lines = text.split("\n");
  const count = text.endsWith("\n") ? lines.length - 1 : lines.length;
  if (count > MODULE_LINES && !DATA_TABLES.has(path)) out.push(`${path}: ${count} lines`);
  const long = lines.filter((l) => l.length > LINE_CHARS).length;
  if (long > 0) out.push(`${path}: ${long} line(s) over ${LINE_CHARS} characters`);
  if (!functions) return out;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > FUNCTION_LINES) out.push(`${path}: function ${functionName(node, file)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

test("modules, functions and lines stay within the shape limits", () => {
  const check = (p: string, functions: boolean) => overLimits(p, readFileSync(join(ROOT, p), "utf8"), { functions });
  const found = [
    ...sources("generator").flatMap((p) => check(p, true)),
    ...["test", "bench", "scripts"].flatMap((folder) => sources(folder).flatMap((p) => check(p, false))),
  ];
  const fixed = KNOWN.filter((k) => !found.includes(k));
  const added = found.filter((f) => !KNOWN.includes(f));
  assert.deepEqual({ added, fixed }, { added: [], fixed: [] });
});

test("the shape check counts what it should", () => {
  const body = Array.from({ length: 70 }, (_, i) => `  const v${i} = ${i};`).join("\n");
  const text = `export function big() {\n${body}\n}\nconst small = () => 1;\n// ${"x".repeat(130)}\n`;
  assert.deepEqual(overLimits("x.ts", text), ["x.ts: 1 line(s) over 120 characters", "x.ts: function big"]);
  assert.deepEqual(overLimits("x.ts", text, { functions: false }), ["x.ts: 1 line(s) over 120 characters"]);
});
