// Shared by the hostile-fixture tests (hostile-output.test.ts): the fixture generated
// once per process, the names the generator chose for it, and TypeScript's view of the JavaScript
// it wrote (identifiers, and the inert ranges where spec text may appear).
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { generate, type GenerateResult } from "../generator/generate.js";
import type { Model } from "../generator/model/types.js";
import { FIXTURES, ROOT, tempDir } from "./helpers.js";

export const FIXTURE = join(FIXTURES, "hostile");
export const MARKER = "__pwned";
declare global {
  var __pwned: unknown;
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
export const load = async (file: string) => (await import(pathToFileURL(file).href)) as Record<string, unknown>;
export const notPwned = (when: string) => assert.equal(globalThis.__pwned, undefined, `a payload ran (${when})`);
export const noPollution = () =>
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype polluted");

interface Output {
  result: GenerateResult;
  out: string;
  files: string[];
}
let generated: Promise<Output> | undefined;
/** The fixture, generated once into a temporary folder (the model is kept for the checks). */
export function output(): Promise<Output> {
  generated ??= (async () => {
    const out = tempDir("specgen-hostile-");
    const result = await generate({ cwd: FIXTURE, out, force: true });
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [],
    );
    assert.ok(result.written);
    return { result, out, files: walk(out).sort() };
  })();
  return generated;
}
/** Every name the generator chose for the model: functions, their descriptors and URL builders, types, validators. */
export function chosenNames(model: Model): Set<string> {
  const names = new Set<string>();
  for (const spec of model.specs) {
    for (const op of spec.operations) {
      names.add(op.name).add(`${op.name}Operation`).add(`${op.name}Url`).add(op.typeName).add(`${op.typeName}Error`);
      for (const r of op.responseTypes) names.add(r.name);
      if (op.requestBody?.name) names.add(op.requestBody.name);
    }
    for (const s of spec.schemas) names.add(s.name);
  }
  for (const n of [...names])
    for (const prefix of ["validate", "is", "assert"]) names.add(prefix + n).add(`${prefix}${n}AsWritten`);
  return names;
}
/** Identifiers of a JavaScript file, with TypeScript's parser; throws on a syntax error. */
export function parseJs(path: string, text: string): ts.SourceFile {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const errors = (file as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  assert.deepEqual(
    errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")),
    [],
    `${path} parses`,
  );
  return file;
}
/** Calls `visit` on `node` and every node below it. */
export function forEachNode(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => forEachNode(child, visit));
}
/** Ranges of string/template/regex literals and of comments: the only places spec text may appear. */
export function inertRanges(file: ts.SourceFile): Array<[number, number]> {
  const text = file.text;
  const ranges: Array<[number, number]> = [];
  const comments = (pos: number) => [
    ...(ts.getLeadingCommentRanges(text, pos) ?? []),
    ...(ts.getTrailingCommentRanges(text, pos) ?? []),
  ];
  forEachNode(file, (node) => {
    if (ts.isStringLiteralLike(node) || ts.isRegularExpressionLiteral(node) || ts.isTemplateLiteralToken(node))
      ranges.push([node.getStart(file), node.end]);
    for (const c of [...comments(node.pos), ...comments(node.end)]) ranges.push([c.pos, c.end]);
  });
  return ranges;
}
/** Identifiers that occur in the same emitters' output for the repository's own (benign) specs, digits stripped. */
let baseline: Promise<Set<string>> | undefined;
export function baselineIdentifiers(): Promise<Set<string>> {
  baseline ??= (async () => {
    const found = new Set<string>();
    const scenarios = join(FIXTURES, "snapshots");
    for (const cwd of [
      ROOT,
      ...readdirSync(scenarios)
        .sort()
        .map((name) => join(scenarios, name)),
    ]) {
      const result = await generate({ cwd, dryRun: true });
      const spec = chosenNames(result.model);
      for (const f of result.files.filter((x) => x.path.endsWith(".js"))) {
        forEachNode(parseJs(f.path, f.contents), (n) => {
          if (ts.isIdentifier(n) && !spec.has(n.text)) found.add(n.text.replace(/\d+$/, ""));
        });
      }
    }
    return found;
  })();
  return baseline;
}
/** Every key of the fixture's documents: Ajv may access a schema property as `data.name`. */
export function documentKeys(model: Model): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      keys.add(k);
      visit(v);
    }
  };
  for (const spec of model.specs) visit(spec.document);
  return keys;
}
