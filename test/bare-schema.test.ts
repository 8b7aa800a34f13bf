import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

/**
 * Bare JSON Schema files as JSON Schema reads them: boolean schemas, any schema keyword at the
 * root, `$id`/`$anchor` references resolved by JSON Schema's rules (by Ajv), `$ref`-shaped data in
 * `enum`; the types compile and every refusal names the file.
 */
const root = tempDir("specgen-bare-");
after(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

type Guard = (value: unknown) => boolean;

/** `schema` as `<dir>/specs/<name>.json` through `generate` (types and validators), written out and imported. */
interface Generated {
  is: Guard;
  validate: Guard;
  types: string;
  warnings: string[];
}

async function bare(name: string, schema: unknown, fits: unknown[] = []): Promise<Generated> {
  const dir = join(root, `case${count++}`);
  const file = join(dir, "specs", `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(schema, null, 2));
  const result = await generate({ cwd: dir, paths: [file], dryRun: true, config: { emit: ["validators"] } });
  assert.deepEqual(
    result.problems.map((p) => p.message),
    [],
  );
  const out = join(dir, "out");
  for (const f of result.files) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.contents);
  }
  const types = join(out, `types/${name}.d.ts`);
  // Each value in `fits` (accepted by the validator, below) is assigned to the schema's type.
  const typeName = name.charAt(0).toUpperCase() + name.slice(1);
  const check = join(out, "fits.ts");
  writeFileSync(
    check,
    [
      fits.length ? `import type { ${typeName} } from "./types/${name}.js";` : "export {};",
      ...fits.map((v, i) => `const v${i} = ${JSON.stringify(v)}; export const t${i}: ${typeName} = v${i};`),
    ].join("\n"),
  );
  const diagnostics = typecheck([types, join(out, `validators/${name}.d.ts`), check]);
  assert.deepEqual(diagnostics, [], "the generated modules compile under tsc --strict");
  const mod = (await import(pathToFileURL(join(out, `validators/${name}.js`)).href)) as Record<string, Guard>;
  // The file's own schema's exports (its `$defs` entries have their own, as components).
  const pick = (prefix: string) => mod[`${prefix}${typeName}`]!;
  for (const v of fits) assert.equal(pick("is")(v), true, `the validator accepts ${JSON.stringify(v)}`);
  return { is: pick("is"), validate: pick("validate"), types, warnings: result.warnings };
}

/** The error `generate` stops with on `schema` (a thrown SpecError, or the first problem). */
async function refusal(name: string, schema: unknown): Promise<string> {
  const dir = join(root, `case${count++}`);
  const file = join(dir, "specs", `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(schema, null, 2));
  try {
    const result = await generate({ cwd: dir, paths: [file], dryRun: true, config: { emit: ["validators"] } });
    const p = result.problems[0];
    assert.ok(p, "generate refuses it");
    return `${p.location[0]?.source.absoluteRef ?? ""} ${p.location[0]?.pointer ?? ""}: ${p.message}`;
  } catch (err) {
    assert.equal((err as Error).name, "SpecError", String(err));
    return String(err);
  }
}

test("boolean schemas: as subschemas and as the whole file; no crash, the types compile", async () => {
  const sub = await bare("sub", {
    allOf: [true, { type: "string" }],
    anyOf: [false, true],
    $defs: { yes: true, no: false },
  });
  assert.deepEqual([sub.is("a"), sub.is(1)], [true, false]);
  const none = await bare("none", { allOf: [false] });
  assert.equal(none.is("a"), false);
  const yes = await bare("yes", true);
  assert.deepEqual([yes.is(null), yes.is({ a: 1 })], [true, true]);
  const no = await bare("no", false);
  assert.deepEqual([no.is(null), no.is("")], [false, false]);
});

test("a file named on the command line is a schema whatever its keywords; a typo is located, not skipped", async () => {
  const min = await bare("min", { minLength: 2 });
  assert.deepEqual([min.is("ab"), min.is("a"), min.is(1)], [true, false, true]);
  assert.match(await refusal("typo", { maxLenght: 2 }), /typo\.json:2:3: .*unknown keyword: "maxLenght"/);
});

test("$id, $anchor and refs under a nested $id resolve by JSON Schema's rules; $ref-shaped enum is data", async () => {
  const ids = await bare("ids", {
    $id: "https://example.com/root.json",
    type: "object",
    properties: { n: { $ref: "#int" }, s: { $ref: "nested.json" }, u: { $ref: "urn:example:u" } },
    $defs: {
      int: { $anchor: "int", type: "integer" },
      nested: { $id: "nested.json", $ref: "#/$defs/str", $defs: { str: { type: "string" } } },
      urn: { $id: "urn:example:u", $ref: "#/$defs/bool", $defs: { bool: { type: "boolean" } } },
    },
  });
  const verdicts = [ids.is({ n: 1, s: "x", u: true }), ids.is({ n: 1.5 }), ids.is({ s: 1 }), ids.is({ u: "x" })];
  assert.deepEqual(verdicts, [true, false, false, false]);
  // Without an `$id`, `#/…` is a pointer into the file and `#name` one of its anchors.
  const plain = await bare("plain", {
    items: { $ref: "#/$defs/a" },
    contains: { $ref: "#b" },
    $defs: { a: { type: "string" }, b: { $anchor: "b", const: "b" } },
  });
  assert.deepEqual([plain.is(["a", "b"]), plain.is(["a"]), plain.is([1, "b"])], [true, false, false]);
  const data = await bare("data", {
    $defs: { a: { type: "string" } },
    enum: [{ $ref: "#/$defs/a" }],
    default: { $ref: "#/$defs/a" },
  });
  assert.deepEqual([data.is({ $ref: "#/$defs/a" }), data.is("x")], [true, false]);
});

test("a $ref to another document under an $id is remote and stays off; one to nothing is located", async () => {
  const remote = await refusal("remote", { $id: "https://example.com/a/root.json", $ref: "other.json" });
  assert.match(remote, /https:\/\/example\.com\/a\/other\.json/);
  assert.match(remote, /remote/);
  // A pointer or anchor that names nothing: the file, its line and the pointer of the `$ref`.
  assert.equal(
    await refusal("dangling", { $id: "https://example.com/x.json", properties: { a: { $ref: "#/$defs/missing" } } }),
    'dangling.json:5:15: the $ref "#/$defs/missing" (https://example.com/x.json#/$defs/missing) ' +
      "points to nothing in this file (at /properties/a/$ref)",
  );
  const anchor = await refusal("anchor", { $id: "https://example.com/x.json", $ref: "#nope" });
  assert.match(anchor, /^anchor\.json:3:11: the \$ref "#nope" .* points to nothing/);
});

test("the bundler's problems in a bare schema point at the file's lines and pointers, not the wrapper's", async () => {
  const where = await refusal("wrapped", { type: "object", properties: { a: { $ref: "#/$defs/missing" } } });
  assert.match(where, /wrapped\.json #\/properties\/a: Can't resolve \$ref/);
  const dir = join(root, `case${count++}`);
  const file = join(dir, "specs", "lines.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '{\n  "type": "object",\n  "properties": {\n    "a": { "$ref": "other.json" }\n  }\n}\n');
  const result = await generate({ cwd: dir, paths: [file], dryRun: true, config: { emit: ["validators"] } });
  const loc = result.problems[0]!.location[0]!;
  assert.equal(loc.pointer, "#/properties/a");
  assert.equal(loc.source.body.split("\n")[3], '    "a": { "$ref": "other.json" }', "the problem's text is the file's");
});

test("one verdict, one type: $defs is no member of the type; a root that $refs its own $defs compiles", async () => {
  // openapi-typescript alone types this as `{ $defs: { … } }`, which "ab" does not fit.
  const defs = await bare("defs", { type: "string", minLength: 2, $defs: { other: { type: "integer" } } }, ["ab"]);
  assert.equal(defs.is("a"), false);
  assert.doesNotMatch(readFileSync(defs.types, "utf8"), /\$defs\??:/);
  // A root that is a `$ref` to its own `$defs` (TS2502 when the type refers to itself).
  const node = { type: "object", properties: { next: { $ref: "#/$defs/node" } } };
  const list = await bare("list", { $ref: "#/$defs/node", $defs: { node } }, [{}, { next: { next: {} } }]);
  assert.equal(list.is({ next: 1 }), false);
});

test("the bundler's hidden-$ref key is refused in the file, and inert in a file it references", async () => {
  const hidden = "x-specgen-scoped-$ref";
  assert.match(
    await refusal("reserved", { properties: { a: { [hidden]: "#/x" } } }),
    /reserved\.json: the key .* is reserved/,
  );
  const dir = join(root, `case${count++}`);
  mkdirSync(join(dir, "specs"), { recursive: true });
  // Were it turned back into a `$ref`, this would point at a schema that refuses every value.
  writeFileSync(
    join(dir, "specs/other.json"),
    JSON.stringify({ type: "string", [hidden]: "#/$defs/no", $defs: { no: false } }),
  );
  const file = join(dir, "specs/main.json");
  writeFileSync(file, JSON.stringify({ properties: { a: { $ref: "other.json" } } }));
  const result = await generate({ cwd: dir, paths: [file], dryRun: true, config: { emit: ["validators"] } });
  assert.deepEqual(result.problems, []);
  const out = join(dir, "out");
  for (const f of result.files) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.contents);
  }
  const mod = (await import(pathToFileURL(join(out, "validators/main.js")).href)) as Record<string, Guard>;
  const is = mod[Object.keys(mod).find((k) => k.startsWith("is"))!]!;
  assert.deepEqual([is({ a: "x" }), is({ a: 1 })], [true, false]);
});
