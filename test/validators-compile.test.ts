import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { indentBlocks } from "../generator/emit/validators/code-text.js";
import { generate } from "../generator/generate.js";
import { ROOT, tempDir } from "./helpers.js";

/**
 * What a small spec's compiled validators hold: the first-error compile behind `isX` is left out
 * of bundles that do not use it, Ajv's helpers come from the shared modules, the Ajv module is
 * indented for reading, and prose never reaches it.
 */
test("a bundle using only validateX (the client's case) leaves out the first-error compile behind isX", async () => {
  const dir = join(ROOT, "generated/validators/client-server");
  const size = async (names: string) => {
    const out = await build({
      stdin: { contents: `export { ${names} } from "./auth_metadata.js";`, resolveDir: dir, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      logLevel: "silent",
    });
    const text = out.outputFiles[0]!.text;
    // Each compile builds the issuer's pattern once.
    return { bytes: gzipSync(text).length, compiles: text.split('new RegExp("^https://').length - 1 };
  };
  const validateOnly = await size("validateGetAuthMetadataResponse");
  const withGuard = await size("validateGetAuthMetadataResponse, isGetAuthMetadataResponse");
  assert.equal(validateOnly.compiles, 1);
  assert.equal(withGuard.compiles, 2);
  assert.ok(validateOnly.bytes < withGuard.bytes, `${validateOnly.bytes} < ${withGuard.bytes}`);
});

test(
  "Ajv's run-time helpers come from the shared helpers module (equality from the runtime): " +
    "lengths count code points, uniqueItems and object const compare values",
  async () => {
    const dir = tempDir();
    const result = await generate({ cwd: join(ROOT, "test/fixtures/snapshots/helpers"), out: dir, force: true });
    assert.deepEqual(result.problems, []);
    const code = readFileSync(join(dir, "validators/tags.ajv.js"), "utf8");
    assert.match(code, /^import \{ ucs2length \} from "\.\/helpers\.js";$/m);
    assert.match(code, /^import \{ duplicateItems, jsonEqual \} from "\.\/runtime\.js";$/m);
    assert.doesNotMatch(code, /\brequire\s*\(/);
    const front = readFileSync(join(dir, "validators/tags.js"), "utf8");
    assert.match(front, /^import \{ asserter, guard \} from "\.\/runtime\.js";$/m);
    const m = (await import(pathToFileURL(join(dir, "validators/tags.js")).href)) as Record<
      string,
      (v: unknown) => boolean
    >;
    for (const name of ["isGetTagsResponse", "validateGetTagsResponse"]) {
      const check = m[name]!;
      // One emoji is one code point but two UTF-16 units: within maxLength 2, twice over it.
      assert.equal(check({ tags: ["😀😀"] }), true, name);
      assert.equal(check({ tags: ["😀😀😀"] }), false, name);
      assert.equal(check({ tags: [""] }), false, name);
      assert.equal(check({ tags: ["a", "b"] }), true, name);
      assert.equal(check({ tags: ["a", "a"] }), false, name);
      assert.equal(check({ tags: [], origin: { kind: "builtin" } }), true, name);
      assert.equal(check({ tags: [], origin: { kind: "user" } }), false, name);
    }
  },
);

test("indentBlocks only adds leading spaces, by the braces outside strings", () => {
  const code = [
    'function f(a, {b=""}={}){',
    'if(a === "{"){',
    'const o = {k:\'}\', m:"\\"}"};',
    "}",
    "else {",
    "return '{';",
    "}",
    "}",
    "const x = 1;",
  ].join("\n");
  const out = indentBlocks(code);
  assert.equal(
    out,
    [
      'function f(a, {b=""}={}){',
      '  if(a === "{"){',
      '    const o = {k:\'}\', m:"\\"}"};',
      "  }",
      "  else {",
      "    return '{';",
      "  }",
      "}",
      "const x = 1;",
    ].join("\n"),
  );
  assert.equal(
    out
      .split("\n")
      .map((l) => l.trimStart())
      .join("\n"),
    code,
  );
  // On a real Ajv module (after its banner comment): indenting the unindented lines gives it back.
  const file = readFileSync(join(ROOT, "generated/validators/client-server/auth_metadata.ajv.js"), "utf8");
  const body = file.slice(file.indexOf(" */\n") + 4);
  assert.ok(body.includes("\n    "), "indented");
  assert.equal(
    indentBlocks(
      body
        .split("\n")
        .map((l) => l.trimStart())
        .join("\n"),
    ),
    body,
  );
});

test("validators leave out prose and examples, keep enum/const/default data as written, drop no name", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "specs"));
  const schema = {
    type: "object",
    title: "TITLE-PROSE",
    description: "DESCRIPTION-PROSE",
    example: { note: "EXAMPLE-VALUE" },
    required: ["description"],
    // Names that are also annotation keywords: a property, and a dependentRequired entry.
    properties: {
      description: { type: "string", description: "PROPERTY-PROSE" },
      title: { type: "string" },
      ref: { const: { $ref: "#/components/schemas/Doc" } },
    },
    dependentRequired: { title: ["summary"] },
  };
  const spec = {
    openapi: "3.1.0",
    info: { title: "Prose", version: "1", description: "INFO-PROSE" },
    paths: {
      "/doc": {
        get: {
          operationId: "getDoc",
          description: "OPERATION-PROSE",
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Doc" } } },
            },
          },
        },
      },
    },
    components: { schemas: { Doc: schema } },
  };
  writeFileSync(join(dir, "specs/prose.json"), JSON.stringify(spec));
  const result = await generate({ cwd: dir, out: join(dir, "out"), force: true });
  assert.deepEqual(
    result.problems.filter((p) => p.severity === "error"),
    [],
  );
  for (const file of ["prose.js", "prose.ajv.js"]) {
    assert.doesNotMatch(readFileSync(join(dir, "out/validators", file), "utf8"), /PROSE|EXAMPLE-VALUE/, file);
  }
  const m = (await import(pathToFileURL(join(dir, "out/validators/prose.js")).href)) as Record<
    string,
    (v: unknown) => boolean
  >;
  for (const name of ["isGetDocResponse", "validateGetDocResponse"]) {
    const check = m[name]!;
    assert.equal(check({ description: "x" }), true, name);
    assert.equal(check({}), false, name); // `description` is still required
    assert.equal(check({ description: 1 }), false, name); // and still a string
    assert.equal(check({ description: "x", title: "t" }), false, name); // `title` still needs `summary`
    assert.equal(check({ description: "x", title: "t", summary: "s" }), true, name);
    // A `$ref` key inside `const` is data: compared as written, not rebased.
    assert.equal(check({ description: "x", ref: { $ref: "#/components/schemas/Doc" } }), true, name);
    assert.equal(check({ description: "x", ref: { $ref: "#/$defs/document/components/schemas/Doc" } }), false, name);
  }
});
