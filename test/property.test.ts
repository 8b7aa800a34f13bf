import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import ts from "typescript";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { formatNames } from "ajv-formats/dist/formats.js";
import { addJSDocComment, astToString, tsEnumMember } from "openapi-typescript";
import { escapeCommentLine, escapeCommentText, escapeCommentValue, jsdoc } from "../generator/emit/comment.js";
import { OPENAPI_ANNOTATIONS } from "../generator/load/keys.js";
import { AJV_OPTIONS } from "../generator/emit/validators/options.js";
import { SpecError } from "../generator/errors.js";
import { generate } from "../generator/generate.js";
import { IDENTIFIER, NameTable, OUTPUT_NAMES, RESERVED, camelCase, pascalCase } from "../generator/model/names.js";
import type { SpecModel } from "../generator/model/types.js";
import { LONG_TESTS, ROOT, tempDir } from "./helpers.js";
import { STRICT } from "./typecheck.js";

/**
 * Properties of the generator, checked with fast-check: (a) the generated validators agree with
 * Ajv compiling the same schemas at run time; (b) the name sanitiser only yields safe, unique
 * identifiers; (c) no text escapes a comment, neither through the comment module nor through a
 * whole generation run. 1,000 runs per property, except the whole-generator one (see there).
 */
// Fewer runs in `npm test`; `npm run test:long` (run by CI) sets SPECGEN_LONG_TESTS for the full counts.
const RUNS = LONG_TESTS ? 1000 : 250;
declare global {
  var __pwned: unknown;
}
const PAYLOAD = "globalThis.__pwned = 1";

// ---------------------------------------------------------------------------
// (a) generated validators = Ajv at run time
// ---------------------------------------------------------------------------

interface Pair {
  name: string;
  generated: (value: unknown) => boolean;
  guard: (value: unknown) => boolean;
  runtime: ValidateFunction;
}

/** The schema location a model pointer designates, following `$ref`s it passes through (a response in components). */
function schemaPointer(document: unknown, pointer: string): string {
  const unescapeToken = (t: string) => t.replace(/~1/g, "/").replace(/~0/g, "~");
  let parts = pointer.split("/").slice(1).map(unescapeToken);
  for (let guard = 0; guard < 32; guard++) {
    let node: unknown = document;
    let jumped = false;
    for (let i = 0; i < parts.length; i++) {
      const here = node as Record<string, unknown>;
      if (typeof here?.$ref === "string" && here.$ref.startsWith("#/") && !Object.hasOwn(here, parts[i]!)) {
        parts = [
          ...here.$ref
            .slice(2)
            .split("/")
            .map((t) => unescapeToken(decodeURIComponent(t))),
          ...parts.slice(i),
        ];
        jumped = true;
        break;
      }
      node = here?.[parts[i]!];
    }
    if (!jumped) break;
  }
  return parts.map((p) => `/${encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))}`).join("");
}

/** An Ajv of its own for one spec: the emitter's options and formats, compiled now rather than at generation time. */
function runtimeAjv(spec: SpecModel): Ajv2020 {
  const extensions = new Set<string>();
  const formats = new Set<string>();
  const scan = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) extensions.add(key);
      if (key === "format" && typeof value === "string") formats.add(value);
      scan(value);
    }
  };
  scan(spec.document);
  const ajv = new Ajv2020({ ...AJV_OPTIONS });
  // The document's own OpenAPI keys sit beside the schemas; they are never compiled as schemas.
  ajv.addVocabulary([
    ...OPENAPI_ANNOTATIONS,
    ...extensions,
    "openapi",
    "info",
    "servers",
    "paths",
    "webhooks",
    "components",
    "tags",
    "security",
    "jsonSchemaDialect",
  ]);
  const known = new Set<string>(formatNames);
  ajvFormats.default(ajv, {
    mode: "full",
    formats: [...formats].filter((f) => known.has(f)) as typeof formatNames,
    keywords: false,
  });
  for (const f of formats) if (!known.has(f)) ajv.addFormat(f, true);
  ajv.addSchema({ ...spec.document, $id: `runtime:${encodeURI(spec.source)}` });
  return ajv;
}

let pairs: Promise<{ pairs: Pair[]; examples: unknown[] }> | undefined;
/**
 * Every validator of the project's generated/ package, with its run-time twin, and every example value of the specs.
 */
function projectValidators(): Promise<{ pairs: Pair[]; examples: unknown[] }> {
  pairs ??= (async () => {
    const { model } = await generate({ cwd: ROOT, dryRun: true });
    const found: Pair[] = [];
    const examples: unknown[] = [];
    for (const spec of model.specs) {
      const collect = (node: unknown): void => {
        if (typeof node !== "object" || node === null) return;
        for (const [key, value] of Object.entries(node)) {
          if (key === "example") examples.push(value);
          else if (key === "examples" && Array.isArray(value)) examples.push(...value);
          else if (key === "examples" && typeof value === "object" && value !== null)
            for (const e of Object.values(value)) examples.push((e as { value?: unknown }).value);
          collect(value);
        }
      };
      collect(spec.document);
      const targets = [
        ...spec.operations.flatMap((op) =>
          op.responseTypes.map((r) => ({
            name: r.name,
            pointer: op.responses.find((x) => x.status === r.status)!.jsonSchemaPointer!,
          })),
        ),
        ...spec.schemas.map((s) => ({ name: s.name, pointer: s.pointer })),
      ];
      if (!targets.length) continue;
      const module = (await import(
        pathToFileURL(join(ROOT, "generated/validators", `${spec.module}.js`)).href
      )) as Record<string, unknown>;
      const ajv = runtimeAjv(spec);
      for (const t of targets) {
        const at = schemaPointer(spec.document, t.pointer);
        examples.push(...assembled(spec.document, at));
        const runtime = ajv.getSchema(`runtime:${encodeURI(spec.source)}#${at}`);
        assert.ok(runtime, `${t.name}: run-time compile`);
        found.push({
          name: t.name,
          generated: module[`validate${t.name}`] as Pair["generated"],
          guard: module[`is${t.name}`] as Pair["guard"],
          runtime,
        });
      }
    }
    assert.ok(found.length >= 3, found.map((p) => p.name).join(", "));
    return { pairs: found, examples: examples.filter((e) => e !== undefined) };
  })();
  return pairs;
}

/**
 * Example values for the schema at `pointer`, assembled from its parts where it has no example
 * of its own (an object from its properties' examples, an array from its items').
 */
function assembled(document: unknown, pointer: string): unknown[] {
  const at = (p: string): unknown =>
    p
      .split("/")
      .slice(1)
      .reduce<unknown>(
        (node, t) => (node as Record<string, unknown>)?.[decodeURIComponent(t).replace(/~1/g, "/").replace(/~0/g, "~")],
        document,
      );
  const seeds = (schema: unknown, depth: number): unknown[] => {
    if (typeof schema !== "object" || schema === null || depth > 8) return [];
    const s = schema as Record<string, unknown>;
    if (typeof s.$ref === "string" && s.$ref.startsWith("#/")) return seeds(at(s.$ref.slice(1)), depth + 1);
    const own = [...("example" in s ? [s.example] : []), ...(Array.isArray(s.examples) ? s.examples : [])];
    if (own.length) return own;
    if (typeof s.properties === "object" && s.properties !== null) {
      const entries = Object.entries(s.properties).flatMap(([k, v]) =>
        seeds(v, depth + 1)
          .slice(0, 1)
          .map((e) => [k, e] as const),
      );
      return entries.length ? [Object.fromEntries(entries)] : [];
    }
    if (typeof s.items === "object")
      return seeds(s.items, depth + 1)
        .slice(0, 1)
        .map((e) => [e]);
    return [];
  };
  return seeds(at(pointer), 0);
}

/** Small edits of a JSON value: drop a key or item, replace a value by one of another type, add a key. */
function mutate(value: unknown, edits: ReadonlyArray<{ path: number[]; kind: number; with: unknown }>): unknown {
  let root = JSON.parse(JSON.stringify(value) ?? "null") as unknown;
  for (const edit of edits) {
    // Walk to a random node, choosing children by index modulo their count.
    let parent: Record<string, unknown> | unknown[] | undefined;
    let key: string | number | undefined;
    let node = root;
    for (const step of edit.path) {
      if (typeof node !== "object" || node === null) break;
      const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (!keys.length) break;
      parent = node as Record<string, unknown>;
      key = keys[step % keys.length]!;
      node = (parent as Record<string | number, unknown>)[key];
    }
    const swapType = (v: unknown): unknown =>
      typeof v === "string"
        ? v.length
        : typeof v === "number"
          ? String(v)
          : typeof v === "boolean"
            ? Number(v)
            : Array.isArray(v)
              ? { ...v }
              : v === null
                ? {}
                : Object.values(v as object);
    if (edit.kind === 0 && parent !== undefined && key !== undefined) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (edit.kind === 1) {
      if (parent === undefined || key === undefined) root = swapType(root);
      else (parent as Record<string | number, unknown>)[key] = swapType(node);
    } else if (edit.kind === 2) {
      if (parent === undefined || key === undefined) root = edit.with;
      else (parent as Record<string | number, unknown>)[key] = edit.with;
    } else if (typeof node === "object" && node !== null && !Array.isArray(node)) {
      (node as Record<string, unknown>)[`extra${edit.path.length}`] = edit.with;
    }
  }
  return root;
}

function agree(all: Pair[], value: unknown, verdicts: Set<boolean>): boolean {
  const input = JSON.parse(JSON.stringify(value) ?? "null") as unknown;
  for (const p of all) {
    const expected = p.runtime(input);
    assert.equal(
      p.generated(input),
      expected,
      `${p.name}: validateX disagrees with run-time Ajv on ${JSON.stringify(input)}`,
    );
    assert.equal(p.guard(input), expected, `${p.name}: isX disagrees with run-time Ajv on ${JSON.stringify(input)}`);
    verdicts.add(expected);
  }
  return true;
}

test("property (a): random JSON values get the same verdict from the generated validators as from Ajv at run time", async () => {
  const { pairs: all } = await projectValidators();
  const verdicts = new Set<boolean>();
  fc.assert(
    fc.property(fc.jsonValue(), (value) => agree(all, value, verdicts)),
    { numRuns: RUNS },
  );
  assert.ok(verdicts.has(false));
});

test("property (a): mutated spec examples get the same verdict from the generated validators as from Ajv at run time", async () => {
  const { pairs: all, examples } = await projectValidators();
  assert.ok(examples.length > 0, "the specs have examples");
  const edit = fc.record({
    path: fc.array(fc.nat(), { maxLength: 4 }),
    kind: fc.nat({ max: 3 }),
    with: fc.jsonValue({ maxDepth: 2 }),
  });
  const verdicts = new Map<string, Set<boolean>>(all.map((p) => [p.name, new Set<boolean>()]));
  fc.assert(
    fc.property(fc.constantFrom(...examples), fc.array(edit, { maxLength: 3 }), (example, edits) => {
      const value = mutate(example, edits);
      for (const p of all) agree([p], value, verdicts.get(p.name)!);
      return true;
    }),
    { numRuns: RUNS },
  );
  // Both verdicts occur for every validator: the examples are valid, their mutations often not.
  for (const [name, seen] of verdicts) assert.deepEqual([...seen].sort(), [false, true], name);
});

// ---------------------------------------------------------------------------
// (b) names
// ---------------------------------------------------------------------------

/** Text of any kind, with the characters that matter for names and comments made likely. */
const hostileText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "*/",
          "/*",
          "*",
          "/",
          "\u2028",
          "\u2029",
          "\r",
          "\n",
          "\r\n",
          "\u0085",
          "@",
          "`",
          "${",
          "}",
          '"',
          "'",
          "\\",
          "<script>",
          PAYLOAD,
          "{{% boxes/note %}}",
          "{{% /boxes/note %}}",
          '{{< added-in v="1.1" >}}',
          "\u202e",
          "\ud800",
          "1",
          " ",
          "-",
          "_",
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          ...RESERVED,
          ...OUTPUT_NAMES,
          "__proto__",
          "constructor",
          "toString",
          "Foo-Bar",
          "Foo_Bar",
          "FooBar",
        ),
      },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

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

/** Whether `block` is exactly one comment (and whitespace), by TypeScript's scanner. */
function singleComment(block: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, block);
  const tokens: ts.SyntaxKind[] = [];
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t !== ts.SyntaxKind.NewLineTrivia && t !== ts.SyntaxKind.WhitespaceTrivia) tokens.push(t);
  }
  return tokens.length === 1 && tokens[0] === ts.SyntaxKind.MultiLineCommentTrivia;
}

function runsNothing(block: string): boolean {
  const result = (new Function(`${block}\nreturn 1`) as () => unknown)();
  return result === 1 && globalThis.__pwned === undefined;
}

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

/**
 * The whole generator on a tiny spec whose texts, names and values are random. Each run bundles,
 * compiles and type-checks a package (about a second), so this property has 30 runs (6 in
 * `npm test`), not 1,000.
 */
test("property (c): random texts through the whole generator give output that type-checks and runs nothing", async () => {
  const root = tempDir("specgen-prop-");
  let program: ts.Program | undefined;
  let run = 0;
  const doc = fc.record({
    text: hostileText,
    title: hostileText,
    operationId: hostileText,
    param: hostileText,
    props: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 3 }),
    values: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 3 }),
  });
  await fc.assert(
    fc.asyncProperty(doc, async (r) => {
      const dir = join(root, String(run++));
      const spec = {
        openapi: "3.1.0",
        info: { title: r.title, version: "1", description: r.text },
        paths: {
          "/things/{p}": {
            get: {
              operationId: r.operationId,
              summary: r.text,
              description: r.text,
              "x-addedInMatrixVersion": r.title,
              "x-changedInMatrixVersion": { [r.title]: r.text },
              parameters: [
                {
                  name: "p",
                  in: "path",
                  required: true,
                  description: r.text,
                  schema: { type: "string", example: r.text },
                },
                { name: r.param, in: "query", description: r.text, schema: { type: "string", default: r.text } },
              ],
              responses: {
                "200": {
                  description: r.text,
                  content: {
                    "application/json": {
                      schema: {
                        type: "object",
                        title: r.title,
                        description: r.text,
                        required: [r.props[0]],
                        properties: Object.fromEntries(
                          r.props.map((p, i) => [
                            p,
                            {
                              description: r.text,
                              title: r.title,
                              ...(i === 0
                                ? {
                                    enum: r.values,
                                    "x-enum-descriptions": r.values.map(() => r.text),
                                    default: r.values[0],
                                    examples: [r.text],
                                  }
                                : { const: r.values[0] }),
                            },
                          ]),
                        ),
                      },
                      example: Object.fromEntries(r.props.map((p) => [p, r.values[0]])),
                    },
                  },
                },
              },
            },
          },
        },
      };
      mkdirSync(join(dir, "specs"), { recursive: true });
      writeFileSync(join(dir, "specs/tiny.json"), JSON.stringify(spec, null, 1));
      let result: Awaited<ReturnType<typeof generate>>;
      try {
        result = await generate({ cwd: dir, out: join(dir, "out"), dryRun: true });
      } catch (err) {
        // Rejected input is fine when it is rejected clearly (a key Redocly cannot read).
        assert.ok(err instanceof SpecError && err.file === "tiny.json", String(err));
        return true;
      }
      if (result.problems.length) {
        // Redocly's struct gate refuses a property named `constructor`, saying so (see build.ts).
        assert.ok(
          result.problems.every(
            (p) =>
              /the key "constructor"/.test(p.message) && /tiny\.json$/.test(p.location[0]?.source.absoluteRef ?? ""),
          ),
          result.problems.map((p) => p.message).join("; "),
        );
        return true;
      }
      const { files } = result;
      for (const f of files) {
        mkdirSync(dirname(join(dir, "out", f.path)), { recursive: true });
        writeFileSync(join(dir, "out", f.path), f.contents);
      }
      // Type-check (reusing the previous program for the unchanged lib files).
      const dts = files.filter((f) => f.path.endsWith(".d.ts")).map((f) => join(dir, "out", f.path));
      program = ts.createProgram({ rootNames: dts, options: STRICT, ...(program ? { oldProgram: program } : {}) });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
      assert.deepEqual(errors, [], JSON.stringify(r));
      // No spec text is code: the marker never parses as an identifier.
      for (const f of files.filter((x) => x.path.endsWith(".js"))) {
        const source = ts.createSourceFile(f.path, f.contents, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
        const visit = (node: ts.Node): void => {
          assert.ok(!(ts.isIdentifier(node) && node.text === "__pwned"), `${f.path}: payload is code`);
          ts.forEachChild(node, visit);
        };
        visit(source);
      }
      // Import every module and call the validators and the client stub.
      const modules: Record<string, unknown>[] = [];
      const validators: Record<string, unknown>[] = [];
      for (const f of files.filter((x) => x.path.endsWith(".js"))) {
        const m = (await import(pathToFileURL(join(dir, "out", f.path)).href)) as Record<string, unknown>;
        modules.push(m);
        if (f.path.startsWith("validators/")) validators.push(m);
      }
      const pkg = modules.find((m) => typeof m.createClient === "function")!;
      // The validators' own exports only: a client stub may be named `is_` too (an operationId `is`).
      for (const [name, fn] of validators.flatMap((m) => Object.entries(m))) {
        if (/^(validate|is)[A-Z_]/.test(name))
          for (const v of [
            null,
            {},
            spec.paths["/things/{p}"].get.responses["200"].content["application/json"].example,
            r.values[0],
          ])
            (fn as (v: unknown) => unknown)(v);
      }
      const client = (pkg.createClient as (o: unknown) => Record<string, (...a: unknown[]) => Promise<unknown>>)({
        baseUrl: "https://hs.example",
        fetch: async (url: string) => {
          assert.equal(new URL(url).origin, "https://hs.example");
          return new Response(
            JSON.stringify(spec.paths["/things/{p}"].get.responses["200"].content["application/json"].example),
            { status: 200 },
          );
        },
      });
      for (const call of Object.values(client))
        await call({ p: r.text || "x", [r.param]: r.text }).catch((err: Error) => assert.match(err.name, /Error$/));
      assert.equal(globalThis.__pwned, undefined, JSON.stringify(r));
      return true;
    }),
    { numRuns: LONG_TESTS ? 30 : 6 },
  );
  rmSync(root, { recursive: true, force: true });
});
