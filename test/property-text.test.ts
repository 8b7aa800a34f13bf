import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import ts from "typescript";
import { addJSDocComment, astToString, tsEnumMember } from "openapi-typescript";
import { escapeCommentLine, escapeCommentText, escapeCommentValue, jsdoc } from "../generator/emit/comment.js";
import { IDENTIFIER, NameTable, OUTPUT_NAMES, RESERVED, camelCase, pascalCase } from "../generator/model/names.js";
import { hostileText, RUNS, runsNothing, singleComment } from "./property-helpers.js";

/**
 * Properties of the text the generator makes from spec text, checked with fast-check: (b) the name
 * sanitiser only yields safe, unique identifiers; (c) no text escapes a comment made by the
 * comment module or prepared for openapi-typescript's. 1,000 runs per property in
 * `npm run test:long` (see RUNS); the whole-generator property is in property-generator.test.ts.
 */

// ---------------------------------------------------------------------------
// (b) names
// ---------------------------------------------------------------------------

/** Whether `name` can be declared (and read back) as a binding in strict code and as a TypeScript type. */
function declarable(name: string): boolean {
  if (!IDENTIFIER.test(name) || RESERVED.has(name) || OUTPUT_NAMES.has(name)) return false;
  if ((new Function(`"use strict"; const ${name} = 1; return ${name};`) as () => number)() !== 1) return false;
  const file = ts.createSourceFile(
    "n.ts",
    `export type ${name} = 1;\nexport const ${name}Value = 1;\n`,
    ts.ScriptTarget.Latest,
  );
  return ((file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length === 0;
}

test("property (b): any name becomes a valid, non-reserved identifier", () => {
  fc.assert(
    fc.property(hostileText, (name) => {
      const pascal = pascalCase(name);
      const camel = camelCase(name);
      assert.ok(declarable(pascal), `pascalCase(${JSON.stringify(name)}) = ${pascal}`);
      assert.ok(declarable(camel), `camelCase(${JSON.stringify(name)}) = ${camel}`);
      assert.ok(/^[A-Z_]/.test(pascal) && /^[a-z_]/.test(camel));
      // Sanitising a sanitised name changes nothing more.
      assert.equal(pascalCase(pascal), pascal);
      assert.equal(camelCase(camel), camel);
      return true;
    }),
    { numRuns: RUNS },
  );
});

test("property (b): a name table never hands out one name twice, and reports every rename", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(hostileText, fc.boolean()), { maxLength: 25 }), (wanted) => {
      const warnings: string[] = [];
      const table = new NameTable((m) => warnings.push(m));
      const taken = new Set<string>();
      const functions = new Set<string>();
      for (const [source, redirect] of wanted) {
        // As the model names an operation: the type prefix, then the client's companions.
        const companions = redirect ? ["Operation", "Url"] : ["Operation"];
        const want = pascalCase(source);
        const name = table.claim(want, `operation ${JSON.stringify(source)}`, companions);
        assert.ok(declarable(name), name);
        assert.match(name, new RegExp(`^${want}\\d*$`));
        if (name !== want)
          assert.ok(
            warnings.some((w) => w.includes(`using ${name}`)),
            `no warning for ${want} → ${name}`,
          );
        for (const n of [name, ...companions.map((c) => name + c)]) {
          assert.ok(!taken.has(n.toLowerCase()), `${n} handed out twice`);
          taken.add(n.toLowerCase());
        }
        const fn = camelCase(name);
        assert.ok(!functions.has(fn), `function ${fn} twice`);
        functions.add(fn);
      }
      return true;
    }),
    { numRuns: RUNS },
  );
});

// ---------------------------------------------------------------------------
// (c) comments
// ---------------------------------------------------------------------------
test("property (c): any text through the comment escaper gives one comment that runs nothing", () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      const block = `/**\n * ${escapeCommentText(text).split("\n").join("\n * ")}\n */`;
      assert.ok(singleComment(block), block);
      assert.ok(runsNothing(block), block);
      return true;
    }),
    { numRuns: RUNS },
  );
});

test("property (c): any doc parts through jsdoc() give one comment that runs nothing", () => {
  const parts = fc.record(
    {
      title: hostileText,
      summary: hostileText,
      description: hostileText,
      since: hostileText,
      format: hostileText,
      pattern: hostileText,
      changed: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
      default: fc.oneof(hostileText, fc.jsonValue({ maxDepth: 2 })),
      example: fc.oneof(hostileText, fc.dictionary(hostileText, hostileText, { maxKeys: 3 })),
      deprecated: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(parts, fc.constantFrom("", "  ", "\t"), (doc, indent) => {
      const block = jsdoc(doc, indent);
      if (block === "") return true;
      assert.ok(singleComment(block), block);
      assert.ok(runsNothing(block), block);
      return true;
    }),
    { numRuns: RUNS },
  );
});

test("property (c): texts and values prepared by the types emitter stay inside openapi-typescript's comments", () => {
  const value = fc.oneof(
    hostileText,
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
    fc.array(hostileText, { maxLength: 2 }),
  );
  const TAGS = new Set(["@description", "@default", "@example", "@deprecated", "@constant", "@enum"]);
  fc.assert(
    fc.property(hostileText, hostileText, value, value, value, (text, format, def, example, item) => {
      // What the types emitter hands openapi-typescript (see readerDocs in generator/emit/types/reader-docs.ts).
      const schema = {
        title: escapeCommentText(text),
        description: escapeCommentText(text),
        format: escapeCommentLine(format),
        default: escapeCommentValue(def),
        example: escapeCommentValue(example),
        examples: [escapeCommentValue(item)],
      };
      const member = ts.factory.createPropertySignature(
        undefined,
        "x",
        undefined,
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      );
      addJSDocComment(schema as Parameters<typeof addJSDocComment>[0], member);
      const printed = astToString(
        ts.factory.createInterfaceDeclaration(undefined, "T", undefined, undefined, [member]),
      );
      const file = ts.createSourceFile("t.ts", printed, ts.ScriptTarget.Latest, true);
      assert.equal(((file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length, 0, printed);
      const decl = file.statements[0];
      assert.ok(
        file.statements.length === 1 &&
          decl !== undefined &&
          ts.isInterfaceDeclaration(decl) &&
          decl.members.length === 1,
        printed,
      );
      const comment = printed.slice(printed.indexOf("/**"), printed.indexOf("*/") + 2);
      assert.ok(singleComment(comment) && runsNothing(comment), printed);
      assert.ok(!/[\r\u2028\u2029\u0085]/.test(comment), `odd line break in ${JSON.stringify(comment)}`);
      // No line of the comment passes itself off as a tag.
      for (const line of comment.split("\n")) {
        const tag = /^\s*\*\s*(@\w+)/.exec(line)?.[1];
        if (tag !== undefined) assert.ok(TAGS.has(tag), `tag ${tag} in ${JSON.stringify(comment)}`);
      }
      // An enum description is printed as a \`//\` comment (openapi-typescript issue #1984): one line, one member.
      const enumMember = tsEnumMember("a", { description: escapeCommentLine(text) });
      const enumText = astToString(ts.factory.createEnumDeclaration(undefined, "E", [enumMember]));
      const enumFile = ts.createSourceFile("e.ts", enumText, ts.ScriptTarget.Latest, true);
      const en = enumFile.statements[0];
      assert.ok(
        enumFile.statements.length === 1 && en !== undefined && ts.isEnumDeclaration(en) && en.members.length === 1,
        enumText,
      );
      assert.ok(runsNothing(enumText.slice(enumText.indexOf("{") + 1, enumText.lastIndexOf("a ="))), enumText);
      return true;
    }),
    { numRuns: RUNS },
  );
});
