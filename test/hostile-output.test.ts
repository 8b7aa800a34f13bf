import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { IDENTIFIER, RESERVED, OUTPUT_NAMES, plainPascalCase } from "../generator/model/names.js";
import { typecheck } from "./typecheck.js";
import { BASE_URL, callClient, callFormats, callValidators } from "./hostile-calls.js";
import {
  baselineIdentifiers,
  chosenNames,
  documentKeys,
  forEachNode,
  inertRanges,
  load,
  MARKER,
  noPollution,
  notPwned,
  output,
  parseJs,
} from "./hostile-helpers.js";

/**
 * The permanent hostile fixture (test/fixtures/hostile/): every text that can reach a comment
 * carries `*\/`, line breaks of every kind and a payload setting `globalThis.__pwned`; names
 * need quoting or sanitising, or collide. The output must type-check, every module must import
 * and run without the payload ever executing, and the only places payload text may appear are
 * string literals and comments. What cannot be made safe is rejected (test/fixtures/hostile/rejected/).
 */
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
      "import { createClient, getItem, then_, isGetItemResponse, isGetItemResponse_, validatePromise_ }" +
        ' from "./index.js";',
      'import type { GetItemResponse, Promise_, _1stHostileSchemaClass, _1stHostileSchemaClass2 } from "./index.js";',
      "const client = createClient({ baseUrl: 'https://hs.example' });",
      "export const calls = [client.then_, getItem, then_, isGetItemResponse_, validatePromise_] as const;",
      "export function check(" +
        "value: unknown): GetItemResponse | Promise_ | _1stHostileSchemaClass | _1stHostileSchemaClass2 | undefined {",
      "  return isGetItemResponse(value) ? value : undefined;",
      "}",
      "",
    ].join("\n"),
  );
  assert.deepEqual(typecheck([...files.filter((f) => f.endsWith(".d.ts")), consumer]), []);
});

test("hostile fixture: payload text only in literals and comments; every identifier is the generator's", async () => {
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
  const calls = callValidators(modules);
  notPwned("validators");
  noPollution();
  assert.ok(calls > 1000, `${calls} validator calls`);

  // Formats: every bundled format check.
  callFormats(modules);

  // Client: every stub and URL builder against a recording fetch; then the same through createClient().
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the hostile value itself, sent as a parameter
  const value = "v \"'`${globalThis.__pwned = 1}*/\r\n\u2028/../?#&=";
  const { urls, stubs } = await callClient(modules, result.model, value);
  const root = modules.get("index.js")!;
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
