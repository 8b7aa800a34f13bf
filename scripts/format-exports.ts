/**
 * ajv-formats' formats as one ES module export each, for the shipped `validators/formats.js`
 * (see bundle-runtime.ts). ajv-formats keeps them in one object, `fullFormats`, so a bundle that
 * checks one format took all of them: about 2 KB min+gz of regexes for a client that checks only
 * `uri`. Read at build time from ajv-formats' own source with TypeScript's parser (no library
 * splits a table of values into exports), each entry of that table becomes a module-level
 * binding, exported under the format's name; the exported tables themselves are dropped. The
 * code of each format is ajv-formats' as written: only the container changes, so every verdict
 * is the same (test/formats.test.ts compares them).
 *
 * @module
 */
import ts from "typescript";

/** The exported tables of ajv-formats' source, dropped: they would keep every format alive. */
const TABLES = new Set(["fullFormats", "fastFormats", "formatNames"]);

/** The name of a table entry (`date` or `"date-time"`), or undefined for a spread or a method. */
function entryName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return undefined;
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
}

/** The statement declaring one of {@link TABLES}, and the `fullFormats` object literal. */
function tables(file: ts.SourceFile): { drop: ts.Statement[]; full: ts.ObjectLiteralExpression } {
  const drop: ts.Statement[] = [];
  let full: ts.ObjectLiteralExpression | undefined;
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !TABLES.has(d.name.text)) continue;
      drop.push(statement);
      if (d.name.text === "fullFormats" && d.initializer && ts.isObjectLiteralExpression(d.initializer))
        full = d.initializer;
    }
  }
  if (!full) throw new Error("ajv-formats' source has no `fullFormats` object literal: its layout changed");
  return { drop, full };
}

/**
 * `source` (ajv-formats' src/formats.ts) with `fullFormats`' entries as exports named by format.
 * Each value is built in a function call marked pure, so that a bundler drops the unused ones.
 */
export function formatExports(source: string, path: string): string {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const { drop, full } = tables(file);
  const bindings: string[] = [];
  const exports: string[] = [];
  full.properties.forEach((p, i) => {
    const name = entryName(p);
    if (name === undefined || !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)))
      throw new Error(`ajv-formats' fullFormats has an entry specgen cannot read: ${p.getText(file)}`);
    const value = ts.isShorthandPropertyAssignment(p) ? p.name.text : p.initializer.getText(file);
    bindings.push(`const format${i} = /* @__PURE__ */ (() => (${value}))();`);
    exports.push(`format${i} as ${JSON.stringify(name)}`);
  });
  let kept = source;
  for (const statement of [...drop].reverse())
    kept = kept.slice(0, statement.getFullStart()) + kept.slice(statement.getEnd());
  return `${kept}\n${bindings.join("\n")}\nexport { ${exports.join(", ")} };\n`;
}
