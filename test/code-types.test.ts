// The code builder's pieces for declaration text (generator/emit/code.ts): string literal types,
// property names, union and member lists, and doc comments that enter only as checked block
// comments made by the comment module. Hostile spec text comes out as a literal or inside an
// escaped comment, as TypeScript's parser reads it.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { blockComment, type Code, code, identifier, list, propertyName } from "../generator/emit/code.js";
import { docComment } from "../generator/emit/comment.js";
import { generate } from "../generator/generate.js";
import { tempDir } from "./helpers.js";

/** `${`, written so that no linter takes it for a forgotten template. */
const OPEN = ["$", "{"].join("");

/** Spec text that would end a comment, a string, a template or a line, or set a prototype. */
const HOSTILE = [
  "*/ export declare const pwned: 1; /*",
  "a\u2028b\u2029c",
  "__proto__",
  '"; type X = 1; "',
  `\`${OPEN}string}\``,
  `${OPEN}1}`,
  "line\nbreak\r",
  "back\\slash",
];

const T = identifier("T");

const built: Array<[string, { given: () => Code; want: string }]> = [
  ["string literal type", { given: () => code`${T}[${"a b"}]`, want: 'T["a b"]' }],
  ["number literal type", { given: () => code`${T}[${404}]`, want: "T[404]" }],
  ["union", { given: () => list(["a", T, 1], " | "), want: '"a" | T | 1' }],
  ["intersection", { given: () => list([T, code`{}`], " & "), want: "T & {}" }],
  ["members", { given: () => code`{ ${list([code`a: 1`, code`b: 2`], "; ")} }`, want: "{ a: 1; b: 2 }" }],
  ["lines joined as they are", { given: () => list([code`a;\n`, code`b;\n`], ""), want: "a;\nb;\n" }],
  ["property name as is", { given: () => code`{ ${propertyName("queryId")}: 1 }`, want: "{ queryId: 1 }" }],
  ["reserved word as a property name", { given: () => propertyName("class"), want: "class" }],
  ["__proto__ as a property name", { given: () => propertyName("__proto__"), want: "__proto__" }],
  ["property name quoted", { given: () => propertyName("a-b"), want: '"a-b"' }],
  ["digit first quoted", { given: () => propertyName("1a"), want: '"1a"' }],
  ["comment end quoted", { given: () => propertyName("*/"), want: '"*/"' }],
  ["line separator escaped", { given: () => propertyName("a\u2028"), want: '"a\\u2028"' }],
  ["newline escaped", { given: () => propertyName("a\nb"), want: '"a\\nb"' }],
  ["quote escaped", { given: () => propertyName('a"b'), want: '"a\\"b"' }],
  ["template syntax as text", { given: () => propertyName(`\`${OPEN}x}\``), want: `"\`${OPEN}x}\`"` }],
  ["a block comment", { given: () => blockComment("/** a */\n"), want: "/** a */\n" }],
  ["an indented one", { given: () => blockComment("  /**\n   * a\n   */"), want: "  /**\n   * a\n   */" }],
  ["nothing to say", { given: () => blockComment(""), want: "" }],
  ["an escaped end inside", { given: () => docComment({ description: "a */ b" }), want: "/**\n * a *\\/ b\n */\n" }],
  ["nothing from the comment module", { given: () => docComment({}), want: "" }],
];

for (const [name, { given, want }] of built) {
  test(`declaration code: ${name}`, () => assert.equal(String(given()), want));
}

const refusedComments: Array<[string, { given: string }]> = [
  ["code after the end", { given: "/** a */ export const x = 1;" }],
  ["an end inside", { given: "/** a */ b */" }],
  ["two comments", { given: "/* a */\n/* b */\n" }],
  ["no comment", { given: "export {};" }],
  ["not closed", { given: "/** a" }],
  ["a line after it", { given: "/** a */\nx\n" }],
  ["a line comment", { given: "// a\n" }],
  ["not a string", { given: 1 as unknown as string }],
];

for (const [name, { given }] of refusedComments) {
  test(`blockComment refuses: ${name}`, () => assert.throws(() => blockComment(given), /not one block comment/));
}

/** The single type alias `text` declares; fails unless TypeScript parses it as exactly that. */
function onlyTypeAlias(text: string): ts.TypeAliasDeclaration {
  const file = ts.createSourceFile("t.d.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const errors = (file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  assert.deepEqual(errors.length, 0, `parses: ${text}`);
  assert.equal(file.statements.length, 1, `one statement: ${text}`);
  assert.ok(ts.isTypeAliasDeclaration(file.statements[0]!), text);
  return file.statements[0];
}

test("declaration code: hostile text is a property name, a literal type or comment prose", () => {
  for (const text of HOSTILE) {
    const doc = docComment({ description: text, example: text });
    const type = code`${doc}type ${T} = { ${propertyName(text)}?: ${text} } & Record<${text}, 1>;`;
    const alias = onlyTypeAlias(String(type));
    const [members, record] = (alias.type as ts.IntersectionTypeNode).types;
    const member = (members as ts.TypeLiteralNode).members[0] as ts.PropertySignature;
    assert.equal((member.name as ts.Identifier | ts.StringLiteral).text, text);
    assert.equal(((member.type as ts.LiteralTypeNode).literal as ts.StringLiteral).text, text);
    const argument = (record as ts.TypeReferenceNode).typeArguments![0] as ts.LiteralTypeNode;
    assert.equal((argument.literal as ts.StringLiteral).text, text);
    assert.ok(!String(type).includes("\u2028"), "no raw line separator");
  }
});

/** A spec whose header, media type, parameter and component carry hostile text. */
function hostileSpec(text: string) {
  const schema = { type: "object", properties: { [text]: { type: "array", items: { type: "object" } } } };
  const responses = {
    200: {
      description: text,
      headers: { [`x-${text}`]: { schema: { type: "string" } } },
      content: { "application/json": { schema: { $ref: `#/components/schemas/${encodeURIComponent(text)}` } } },
    },
  };
  const body = { content: { "application/json": { schema }, [`text/${text}/*`]: {}, [`${text}/*`]: {} } };
  const parameters = [
    { name: text, in: "query", schema: { type: "string" } },
    { name: text, in: "header", schema: { type: "string" } },
  ];
  const post = { operationId: "postA", summary: text, parameters, requestBody: body, responses };
  const components = { schemas: { [text]: schema } };
  return { openapi: "3.1.0", info: { title: text, version: "1" }, paths: { "/a": { post } }, components };
}

test("client and types declarations: hostile spec text only as literals and comments", async () => {
  const dir = tempDir();
  try {
    const text = `*/ a\u2028\`${OPEN}b}\` "c" __proto__`;
    writeFileSync(join(dir, "t.json"), JSON.stringify(hostileSpec(text)));
    const result = await generate({ cwd: dir, paths: [join(dir, "t.json")], dryRun: true, config: {} });
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [],
    );
    for (const path of ["client/t.d.ts", "types/t.d.ts", "types/index.d.ts", "index.d.ts"]) {
      const contents = result.files.find((f) => f.path === path)!.contents;
      const file = ts.createSourceFile(path, contents, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const errors = (file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
      assert.equal(errors.length, 0, `${path} parses`);
      const kinds = new Set(file.statements.map((s) => ts.SyntaxKind[s.kind]));
      const allowed = ["ImportDeclaration", "ExportDeclaration", "TypeAliasDeclaration", "FunctionDeclaration"];
      assert.deepEqual(
        [...kinds].filter((k) => !allowed.includes(k) && k !== "InterfaceDeclaration"),
        [],
        path,
      );
      assert.ok(!contents.includes("\u2028"), `${path}: no raw line separator`);
    }
    const dts = result.files.find((f) => f.path === "client/t.d.ts")!.contents;
    // the header name, the media types and the wildcard's prefix are string literal types
    assert.ok(dts.includes(`${JSON.stringify(`x-${text}`.toLowerCase()).replace("\u2028", "\\u2028")}?: string`));
    assert.ok(dts.includes(`\`\${${JSON.stringify(`${text}/`).replace("\u2028", "\\u2028")}}\${string}\``), dts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("types: the items of a property of an untyped root, named over its object part, the key a literal", async () => {
  const dir = tempDir();
  try {
    const prop = `rows */ \u2028\`${OPEN}x}\``;
    const root = { title: "Root", properties: { [prop]: { type: "array", items: { type: "object" } } } };
    writeFileSync(join(dir, "root.json"), JSON.stringify(root));
    const paths = [join(dir, "root.json")];
    const result = await generate({ cwd: dir, paths, dryRun: true, config: { emit: ["types"] } });
    const types = result.files.find((f) => f.path === "types/root.d.ts")!.contents;
    const literal = JSON.stringify(prop).replace("\u2028", "\\u2028");
    const items = result.model.specs[0]!.schemas.find((s) => s.type.kind === "items")!;
    const object = "Exclude<Root, string | number | boolean | null | unknown[]>";
    assert.ok(types.includes(`export type ${items.name} = NonNullable<${object}[${literal}]>[number];`), types);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
