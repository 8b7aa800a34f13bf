import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import ts from "typescript";
import { SpecError } from "../generator/errors.js";
import { generate, type GenerateResult } from "../generator/generate.js";
import { IDENTIFIER, RESERVED, OUTPUT_NAMES, plainPascalCase } from "../generator/model/names.js";
import type { Model } from "../generator/model/types.js";
import { FIXTURES, ROOT, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

/**
 * The permanent hostile fixture (test/fixtures/hostile/): every text that can reach a comment
 * carries `*\/`, line breaks of every kind and a payload setting `globalThis.__pwned`; names
 * need quoting or sanitising, or collide. The output must type-check, every module must import
 * and run without the payload ever executing, and the only places payload text may appear are
 * string literals and comments. What cannot be made safe is rejected (test/fixtures/hostile/rejected/).
 */
const FIXTURE = join(FIXTURES, "hostile");
const REJECTED = join(FIXTURE, "rejected");
const MARKER = "__pwned";
const BASE_URL = "https://hs.example";
declare global {
  var __pwned: unknown;
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const load = async (file: string) => (await import(pathToFileURL(file).href)) as Record<string, unknown>;
const notPwned = (when: string) => assert.equal(globalThis.__pwned, undefined, `a payload ran (${when})`);
const noPollution = () =>
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype polluted");

interface Output {
  result: GenerateResult;
  out: string;
  files: string[];
}
let generated: Promise<Output> | undefined;
/** The fixture, generated once into a temporary folder (the model is kept for the checks). */
function output(): Promise<Output> {
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
function chosenNames(model: Model): Set<string> {
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
function parseJs(path: string, text: string): ts.SourceFile {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const errors = (file as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  assert.deepEqual(
    errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")),
    [],
    `${path} parses`,
  );
  return file;
}

function forEachNode(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => forEachNode(child, visit));
}

/** Ranges of string/template/regex literals and of comments: the only places spec text may appear. */
function inertRanges(file: ts.SourceFile): Array<[number, number]> {
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
function baselineIdentifiers(): Promise<Set<string>> {
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
function documentKeys(model: Model): Set<string> {
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

test("hostile fixture: every sanitised name is reported, and every name is a safe identifier", async () => {
  const { result } = await output();
  const { model, warnings } = result;
  const warned = (...parts: string[]) => warnings.some((w) => parts.every((p) => w.includes(p)));
  for (const spec of model.specs) {
    for (const op of spec.operations) {
      for (const name of [op.name, op.typeName, ...op.responseTypes.map((r) => r.name)]) {
        assert.match(name, IDENTIFIER, name);
        assert.ok(!RESERVED.has(name) && !OUTPUT_NAMES.has(name), `${name} is reserved or declared by the output`);
      }
      // A function not named as its operationId (with its first letter in lower case: functions
      // are camelCase, so `Promise` becoming `promise` is the rule) is a rename, and the warnings say so.
      const unnamed = op.operationId === `${op.method.toLowerCase()} ${op.path}`;
      const asWritten = op.operationId.charAt(0).toLowerCase() + op.operationId.slice(1);
      if (op.name !== asWritten)
        assert.ok(
          warned(unnamed ? "has no operationId" : JSON.stringify(op.operationId), op.name),
          `no rename warning for ${op.operationId} → ${op.name}\n${warnings.join("\n")}`,
        );
    }
    for (const s of spec.schemas) {
      assert.match(s.name, IDENTIFIER, s.name);
      assert.ok(!RESERVED.has(s.name) && !OUTPUT_NAMES.has(s.name), s.name);
    }
  }
  const fnOf = (operationId: string) =>
    model.specs.flatMap((s) => s.operations).find((o) => o.operationId === operationId)?.name;
  const expected: Record<string, string> = {
    delete: "delete_",
    class: "class_",
    "get-foo": "getFoo",
    getFoo: "getFoo2",
    GetFoo: "getFoo3",
    get_foo: "getFoo4",
    "1st": "_1st",
    "a b": "aB",
    "<script>globalThis.__pwned = 1</script>": "scriptGlobalThisPwned1Script",
    // biome-ignore lint/suspicious/noThenProperty: a spec name the identifier rules must rename
    then: "then_",
    eval: "eval_",
    arguments: "arguments_",
    request: "request_",
    buildUrl: "buildUrl_",
    createClient: "createClient_",
    fooOperation: "fooOperation",
    foo: "foo2",
    navUrl: "navUrl",
    nav: "nav2",
    isGetItemResponse: "isGetItemResponse_",
    validateDeleteResponse: "validateDeleteResponse_",
    "1st hostile-schema (class)": "_1stHostileSchemaClass_",
  };
  for (const [operationId, name] of Object.entries(expected)) assert.equal(fnOf(operationId), name, operationId);
  // Standalone schemas: file names and collection items that needed more than PascalCase.
  const schemaNames = model.specs.flatMap((s) => s.schemas.map((x) => x.name));
  for (const name of [
    "_1stHostileSchemaClass",
    "_1stHostileSchemaClass2",
    "Promise_",
    "Result_",
    "Result_2",
    "ClassName",
  ])
    assert.ok(schemaNames.includes(name), name);
  for (const name of schemaNames.filter((n) => n !== plainPascalCase(n)))
    assert.ok(
      warnings.some((w) => w.includes(name)),
      `no warning for ${name}`,
    );
  assert.ok(warned('"1st hostile-schema (class)"', "_1stHostileSchemaClass"));
  assert.ok(warned("_1stHostileSchemaClass2", "helper"), "a helper component with the main schema's name is kept");
  assert.ok(warned('"mailto:x@evil.example"', "not an http(s) URL"));
  // Component names are keys, quoted by openapi-typescript, never renamed.
  const { out } = await output();
  const names = readFileSync(join(out, "types/names.d.ts"), "utf8");
  for (const key of [
    '"Foo-Bar":',
    "Foo_Bar:",
    "FooBar:",
    "Object:",
    "Promise:",
    "Response:",
    "fetch:",
    "Error:",
    "paths:",
    "operations:",
  ])
    assert.ok(names.includes(key), key);
  const hostile = readFileSync(join(out, "types/hostile.d.ts"), "utf8");
  for (const key of [
    '"a-b"',
    '"quo\\"te"',
    '"back\\\\slash"',
    '"new\\nline"',
    '"": string',
    "__proto__:",
    "toString:",
    `${"x".repeat(290)}_300_chars:`,
    '"*/ globalThis.__pwned = 1; /*"?:',
  ]) {
    assert.ok(hostile.includes(key), key);
  }
});

test("hostile fixture: the output type-checks under the strictest consumer settings", async () => {
  const { out, files } = await output();
  const consumer = join(out, "consumer.ts");
  writeFileSync(
    consumer,
    [
      'import { createClient, getItem, then_, isGetItemResponse, isGetItemResponse_, validatePromise_ } from "./index.js";',
      'import type { GetItemResponse, Promise_, _1stHostileSchemaClass, _1stHostileSchemaClass2 } from "./index.js";',
      "const client = createClient({ baseUrl: 'https://hs.example' });",
      "export const calls = [client.then_, getItem, then_, isGetItemResponse_, validatePromise_] as const;",
      "export function check(value: unknown): GetItemResponse | Promise_ | _1stHostileSchemaClass | _1stHostileSchemaClass2 | undefined {",
      "  return isGetItemResponse(value) ? value : undefined;",
      "}",
      "",
    ].join("\n"),
  );
  assert.deepEqual(typecheck([...files.filter((f) => f.endsWith(".d.ts")), consumer]), []);
});

test("hostile fixture: payload text appears only in string literals and comments; every identifier is the generator's", async () => {
  const { result, out, files } = await output();
  const chosen = chosenNames(result.model);
  const keys = documentKeys(result.model);
  const known = await baselineIdentifiers();
  const forbidden = new Set([
    MARKER,
    "alert",
    "eval",
    "Function",
    "globalThis",
    "window",
    "document",
    "require",
    "process",
    "importScripts",
  ]);
  for (const path of files.filter((f) => f.endsWith(".js"))) {
    const name = relative(out, path);
    const text = readFileSync(path, "utf8");
    const file = parseJs(name, text);
    // Where the marker text occurs, it is inside a literal or a comment.
    const inert = inertRanges(file);
    for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + 1)) {
      assert.ok(
        inert.some(([from, to]) => from <= at && at < to),
        `${name}: payload text at offset ${at} is code: ${JSON.stringify(text.slice(at - 40, at + 20))}`,
      );
    }
    forEachNode(file, (node) => {
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
        const id = node.text;
        assert.ok(!forbidden.has(id), `${name}: identifier ${id}`);
        // Ajv reads a schema property `p` as `data.p` (a property name, not a binding).
        const propertyName = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node && keys.has(id);
        assert.ok(
          chosen.has(id) || known.has(id.replace(/\d+$/, "")) || propertyName,
          `${name}: identifier ${id} is not one the generator chose`,
        );
      }
      // Imports stay inside the package.
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
        const spec = node.moduleSpecifier;
        if (spec)
          assert.ok(ts.isStringLiteral(spec) && /^\.\.?\//.test(spec.text), `${name}: import ${spec.getText(file)}`);
      }
    });
    // Nothing runs at load time but declarations and Ajv's own bookkeeping (`validateN.evaluated = {…}`).
    for (const statement of file.statements) {
      if (!ts.isExpressionStatement(statement)) continue;
      const e = statement.expression;
      assert.ok(
        ts.isBinaryExpression(e) &&
          e.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(e.left) &&
          ts.isIdentifier(e.left.expression) &&
          /^validate\d+$/.test(e.left.expression.text),
        `${name}: top-level statement ${statement.getText(file).slice(0, 80)}`,
      );
    }
  }
  // Markdown and JSON outputs: no raw HTML from the spec, and the manifest is plain JSON.
  const readme = readFileSync(join(out, "README.md"), "utf8");
  assert.ok(!/<script/i.test(readme), "README has raw <script>");
  assert.ok(!/[\r\u2028\u2029]/.test(readme), "README has odd line breaks");
  JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
});

test("hostile fixture: every module imports, every exported function runs, and no payload executes", async () => {
  const { result, out, files } = await output();
  notPwned("before importing");
  const modules = new Map<string, Record<string, unknown>>();
  for (const file of files.filter((f) => f.endsWith(".js"))) modules.set(relative(out, file), await load(file));
  notPwned("importing");

  // Validators: every validateX / isX / assertX with edge values, random JSON and mutated hostile objects.
  const runtime = modules.get("validators/runtime.js")!;
  const ValidationError = runtime.ValidationError as new (...args: unknown[]) => Error;
  const samples: unknown[] = [
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    "",
    "*/ globalThis.__pwned = 1; /*",
    "\u2028",
    [],
    {},
    [null],
    { a: 1 },
    JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}'),
    JSON.parse(
      '{"a-b": "x", "": "", "__proto__": {"polluted": true}, "toString": 1, "state": "*/ globalThis.__pwned = 1; /*"}',
    ),
    ...fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 60, seed: 7 }),
    ...fc.sample(
      fc.dictionary(
        fc.constantFrom("a-b", "", "__proto__", "toString", "then", "state", "code", "fixed", "nested", "class_names"),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      { numRuns: 60, seed: 11 },
    ),
  ];
  let calls = 0;
  for (const [name, module] of modules) {
    // An Ajv module's validateX are the front's own; its firstErrorValidator builds the front's isX.
    if (
      !name.startsWith("validators/") ||
      name.endsWith(".ajv.js") ||
      ["validators/runtime.js", "validators/pointer.js", "validators/formats.js", "validators/helpers.js"].includes(name)
    )
      continue;
    for (const [exported, value] of Object.entries(module)) {
      if (typeof value !== "function" || exported === "ValidationError" || exported === "problemsOf") continue;
      const fn = value as (input: unknown) => unknown;
      for (const sample of samples) {
        const input = JSON.parse(JSON.stringify(sample) ?? "null") as unknown;
        calls++;
        if (exported.startsWith("assert")) {
          try {
            fn(input);
          } catch (err) {
            assert.ok(err instanceof ValidationError, `${name} ${exported} threw ${String(err)}`);
          }
        } else assert.equal(typeof fn(input), "boolean", `${name} ${exported}`);
      }
    }
  }
  const problemsOf = runtime.problemsOf as (errors: unknown) => unknown[];
  assert.ok(
    Array.isArray(
      problemsOf([{ instancePath: "/a", keyword: "required", params: { missingProperty: "*/" }, schemaPath: "#" }]),
    ),
  );
  notPwned("validators");
  noPollution();
  assert.ok(calls > 1000, `${calls} validator calls`);

  // Formats: every bundled format check.
  const formats = modules.get("validators/formats.js")!.fullFormats as Record<string, unknown>;
  const runFormat = (f: unknown, input: string): unknown =>
    f instanceof RegExp
      ? f.test(input)
      : typeof f === "function"
        ? (f as (s: string) => unknown)(input)
        : typeof f === "object" && f !== null && "validate" in f
          ? runFormat(f.validate, input)
          : undefined;
  for (const f of Object.values(formats))
    for (const input of ["", "*/", "2024-01-01", "https://x.example/", "\u2028"]) runFormat(f, input);

  // Client: every stub and URL builder against a recording fetch; then the same through createClient().
  const clientRuntime = modules.get("client/runtime.js")!;
  const known = [clientRuntime.HttpError, clientRuntime.MatrixError, clientRuntime.ResponseValidationError] as Array<
    new () => Error
  >;
  const urls: string[] = [];
  const value = "v \"'`${globalThis.__pwned = 1}*/\r\n\u2028/../?#&=";
  const fetchFor = (redirect: boolean) => async (url: string | URL) => {
    urls.push(String(url));
    return redirect
      ? new Response(null, { status: 302, headers: { location: "https://idp.example/next" } })
      : new Response(JSON.stringify({ "*/": "*/ globalThis.__pwned = 1; /*" }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
  };
  const settle = async (promise: unknown) => {
    try {
      await promise;
    } catch (err) {
      assert.ok(
        known.some((k) => err instanceof k),
        `unexpected ${String(err)}`,
      );
    }
  };
  let stubs = 0;
  for (const spec of result.model.specs.filter((s) => s.operations.length)) {
    const module = modules.get(`client/${spec.module}.js`)!;
    for (const op of spec.operations) {
      const params = Object.fromEntries(
        op.parameters
          .filter((p) => p.in === "path" || p.in === "query")
          .map((p) => [p.name, p.in === "query" && /^\$/.test(p.name) ? [value, "2"] : value]),
      );
      const options = { baseUrl: BASE_URL, fetch: fetchFor(op.redirect) };
      const stub = module[op.name] as (...args: unknown[]) => Promise<unknown>;
      assert.equal(typeof stub, "function", `${spec.module}: ${op.name}`);
      await settle(
        op.parameters.some((p) => p.in === "path" || p.in === "query") ? stub(options, params) : stub(options),
      );
      stubs++;
      if (op.redirect) urls.push((module[`${op.name}Url`] as (c: unknown, p: unknown) => string)(options, params));
    }
  }
  const root = modules.get("index.js")!;
  const bound = new Set<string>();
  for (const spec of result.model.specs.filter((s) => s.operations.length)) {
    for (const op of spec.operations) {
      if (bound.has(op.name)) continue; // a name shared by two specs: createClient() binds the first
      bound.add(op.name);
      const cache = (root.createMemoryCache as () => unknown)();
      const client = (root.createClient as (o: unknown) => Record<string, (...args: unknown[]) => unknown>)({
        baseUrl: BASE_URL,
        fetch: fetchFor(op.redirect),
        validate: false,
        cache,
      });
      const params = Object.fromEntries(
        op.parameters.filter((p) => p.in === "path" || p.in === "query").map((p) => [p.name, value]),
      );
      const member = client[op.name];
      assert.equal(typeof member, "function", op.name);
      await settle(op.parameters.some((p) => p.in === "path" || p.in === "query") ? member!(params) : member!());
    }
  }
  assert.ok(stubs >= 30, `${stubs} stubs`);
  for (const url of urls) {
    const parsed = new URL(url);
    assert.equal(parsed.origin, BASE_URL, url);
    assert.ok(!/["<>`\s\u2028]/.test(url), `raw character in ${JSON.stringify(url)}`);
  }
  // A path value cannot add segments or a query: it arrives percent-encoded in its own segment.
  assert.ok(
    urls.some((u) => u.includes(encodeURIComponent(value))),
    "hostile path values are percent-encoded",
  );
  assert.ok(urls.every((u) => !u.includes("mailto") && !u.includes("evil.example")));
  notPwned("client calls");
  noPollution();
  // The root re-exports everything without ambiguity: each validator and client function once.
  for (const [name, module] of [
    ["validators/index.js", modules.get("validators/index.js")!],
    ["client/index.js", modules.get("client/index.js")!],
  ] as const) {
    for (const key of Object.keys(module))
      assert.equal(root[key], module[key], `${name}: ${key} reaches the root index`);
  }
});

test("hostile fixture: what cannot be made safe is rejected, naming the spec and the field", async () => {
  const run = (file: string) => generate({ cwd: FIXTURE, paths: [join(REJECTED, file)], dryRun: true });
  const rejects = async (file: string, message: RegExp, pointer: string, [line, column]: [number, number]) => {
    await assert.rejects(run(file), (err: unknown) => {
      assert.ok(err instanceof SpecError, String(err));
      assert.equal(err.file, file);
      assert.equal(err.pointer, pointer);
      // Where the pointer's value is written in the file.
      assert.deepEqual([err.line, err.column], [line, column], String(err));
      assert.match(err.message, message);
      assert.ok(!/[\r\n\u2028\u2029]/.test(err.toString()), "one line");
      return true;
    });
  };
  await rejects(
    "prototype-key.yaml",
    /key "hasOwnProperty" cannot be read/,
    "/components/schemas/Thing/properties/hasOwnProperty",
    [10, 25],
  );
  await rejects("schema-trap.yaml", /key "valueOf" cannot be read/, "/examples/0/valueOf", [5, 16]);
  await rejects(
    "path-param-crlf.yaml",
    /path parameter name "x\\r\\ny" contains a brace or line break/,
    "#/paths/~1items~1%7Bx%0D%0Ay%7D/get/parameters",
    [9, 9],
  );
  await rejects("non-finite.yaml", /Infinity has no JSON form/, "/components/schemas/Limit/enum/1", [7, 38]);
  await rejects(
    "duplicate-operation-id.yaml",
    /operationId "dup" is also used by GET "\/a"/,
    "/paths/~1b/get/operationId",
    [8, 25],
  );
  await rejects(
    "duplicate-operation-id-path-item.yaml",
    /operationId "dup" is also used by GET "\/a"/,
    "/components/pathItems/B/get/operationId",
    [13, 27],
  );
  // Redocly's struct gate reports a `constructor` property as a type error; the message says why.
  const constructorKey = await run("constructor-key.yaml");
  assert.equal(constructorKey.files.length, 0);
  assert.equal(constructorKey.problems.length, 1);
  assert.match(
    constructorKey.problems[0]!.message,
    /the key "constructor" at #\/components\/schemas\/Thing\/properties\/constructor is misread/,
  );
  assert.match(constructorKey.problems[0]!.location[0]!.source.absoluteRef, /constructor-key\.yaml$/);
});
