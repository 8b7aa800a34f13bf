import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { loadProjectConfig } from "../generator/config.js";
import { generate } from "../generator/generate.js";
import type { SpecModel } from "../generator/model/types.js";
import { problemsOf, type AjvErrorObject, type ValidationProblem } from "../generator/runtime/validation.js";
import { importValidators, loadValidators, readJsonFile } from "../generator/validate/index.js";
import type { ValidatorTarget } from "../generator/emit/validators/targets.js";
import { CORPUS_CS, FIXTURES, ROOT, SHARED, authMetadataExample, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

type Guard = (value: unknown) => boolean;
interface RawValidator {
  (value: unknown): boolean;
  errors?: AjvErrorObject[] | null;
}
type ValidationErrorLike = Error & { errors: readonly ValidationProblem[]; schema: string };

const VALIDATORS = join(ROOT, "generated/validators");
const CORPUS = join(SHARED, "corpus/auth-metadata");
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const load = async (file: string) => (await import(pathToFileURL(file).href)) as Record<string, unknown>;
const generated = await load(join(VALIDATORS, "index.js"));
const fn = <T>(module: Record<string, unknown>, name: string): T => {
  assert.equal(typeof module[name], "function", `${name} is exported`);
  return module[name] as T;
};
const isAuth = fn<Guard>(generated, "isGetAuthMetadataResponse");
const assertAuth = fn<(value: unknown) => void>(generated, "assertGetAuthMetadataResponse");
const validateAuth = fn<RawValidator>(generated, "validateGetAuthMetadataResponse");
const isFlow = fn<Guard>(generated, "isSsoLoginFlow");
const isIdp = fn<Guard>(generated, "isIdentityProvider");
const ValidationError = fn<new (schema: string, errors: AjvErrorObject[]) => ValidationErrorLike>(
  generated,
  "ValidationError",
);
const problems = (value: unknown): ValidationProblem[] => {
  try {
    assertAuth(value);
    return [];
  } catch (err) {
    assert.ok(err instanceof ValidationError, "assert throws the runtime's ValidationError");
    return [...err.errors];
  }
};
const pointers = (ps: readonly ValidationProblem[]) => [...new Set(ps.map((p) => p.pointer))].sort();

/** The v1.15 seed example: 9 required fields, all https. */
const BASE = authMetadataExample();
const noPollution = () => {
  for (const key of ["polluted", "issuer", "type", "id", "name"])
    assert.equal(({} as Record<string, unknown>)[key], undefined, `Object.prototype.${key}`);
};

test("the generated validators are pure ESM: no require( in any file, and every export runs in Node's ESM", async () => {
  const files = walk(VALIDATORS).filter((f) => f.endsWith(".js"));
  assert.ok(files.length >= 5, files.join(", "));
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const name = relative(ROOT, file);
    assert.ok(!/\brequire\s*\(/.test(source), `${name} calls require()`);
    assert.doesNotMatch(source, /\bfrom\s+["'](ajv|ajv-formats|esbuild)\b/, `${name} imports a build-time package`);
    assert.doesNotMatch(source, /\bnew Function\b|\beval\(/, `${name} compiles code at run time`);
    // In an ES module `require` is undefined: any call left in a code path throws when it runs.
    const module = await load(file);
    for (const [key, value] of Object.entries(module)) {
      if (typeof value !== "function" || !/^(is|validate)[A-Z]/.test(key)) continue;
      for (const input of [
        null,
        {},
        [],
        "x",
        1,
        BASE,
        { type: "m.login.sso", identity_providers: [{ id: "a", name: "A" }] },
      ]) {
        assert.equal(typeof (value as Guard)(input), "boolean", `${name} ${key}`);
      }
    }
  }
});

test("the Matrix client-server corpus: every module bundles without require, imports, runs and type-checks", {
  timeout: 240_000,
}, async () => {
  const out = tempDir();
  const result = await generate({ paths: [CORPUS_CS], out, cwd: ROOT });
  assert.deepEqual(
    result.problems.map((p) => p.message),
    [],
  );
  const files = walk(join(out, "validators"));
  const modules = files.filter((f) => f.endsWith(".js") && !/validators\/(index|runtime|formats)\.js$/.test(f));
  assert.ok(modules.length > 100, `${modules.length} modules`);
  for (const file of modules) {
    assert.ok(!/\brequire\s*\(/.test(readFileSync(file, "utf8")), file);
    const module = await load(file);
    for (const [key, value] of Object.entries(module))
      if (key.startsWith("is")) assert.equal(typeof (value as Guard)({}), "boolean", `${file} ${key}`);
  }
  assert.deepEqual(typecheck([join(out, "validators/index.d.ts")]), []);
});

test("one Ajv instance per spec module and kind of compile: a component shared by two operations is emitted once in each", async () => {
  const fixture = join(FIXTURES, "validators/shared.yaml");
  const result = await generate({ paths: [fixture], cwd: ROOT, dryRun: true, config: { overlays: {} } });
  assert.deepEqual(result.problems, []);
  const js = result.files.find((f) => f.path === "validators/shared.js")?.contents ?? "";
  const dts = result.files.find((f) => f.path === "validators/shared.d.ts")?.contents ?? "";
  // Once per compile: every problem (validateX, assertX) and the first one (isX).
  assert.equal(js.split('new RegExp("^t-[0-9]+-?$"').length - 1, 2, "Thing's pattern is compiled once per compile");
  assert.equal(
    js.split('keyword:"pattern",params:{pattern: "^t-[0-9]+-?$"}').length - 1,
    2,
    "Thing's checks are emitted once per compile",
  );
  for (const name of ["GetThingResponse", "GetThingResponse404", "ListThingsResponse"]) {
    assert.match(dts, new RegExp(`export declare function is${name}\\(value: unknown\\): value is ${name};`));
    assert.match(
      dts,
      new RegExp(`export declare function assert${name}\\(value: unknown\\): asserts value is ${name};`),
    );
  }
  assert.match(dts, /from "\.\.\/types\/shared\.js";/);
  const fixtureValidators = await loadValidators(fixture, { cwd: ROOT });
  const m = fixtureValidators.exports;
  const thing = {
    id: "t-1",
    owner: "@alice:example.org",
    home: "https://example.org/a",
    shape: { type: "circle", radius: 1 },
  };
  assert.equal(fn<Guard>(m, "isGetThingResponse")(thing), true);
  assert.equal(fn<Guard>(m, "isListThingsResponse")({ things: [thing, { ...thing, id: "t-2" }] }), true);
  // The Matrix format is an annotation; the pattern beside it is what checks the value.
  assert.equal(fn<Guard>(m, "isGetThingResponse")({ ...thing, owner: "alice" }), false);
  assert.equal(fn<Guard>(m, "isGetThingResponse")({ ...thing, home: "not a uri" }), false);
  assert.equal(fn<Guard>(m, "isGetThingResponse")({ ...thing, shape: { type: "circle", side: 1 } }), false);
  // The 404 body is reached through components/responses.
  assert.equal(fn<Guard>(m, "isGetThingResponse404")({ errcode: "M_NOT_FOUND" }), true);
  assert.equal(fn<Guard>(m, "isGetThingResponse404")({ error: "x" }), false);
});

test("strict mode with purpose: legal schemas Ajv's strict checks refuse compile; ignored keywords warn", async () => {
  const dir = tempDir();
  try {
    const bare = async (name: string, schema: Record<string, unknown>) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(schema));
      const result = await generate({ paths: [file], cwd: ROOT, dryRun: true, config: { emit: ["validators"] } });
      const loaded = await loadValidators(file, { cwd: ROOT });
      const name0 = Object.keys(loaded.exports).find((k) => k.startsWith("is"))!;
      return { warnings: result.warnings, is: fn<Guard>(loaded.exports, name0) };
    };
    // An open tuple (strictTuples): two leading items, any tail.
    const tuple = await bare("tuple", { prefixItems: [{ type: "integer" }, { type: "string" }] });
    const tuples = [tuple.is([1, "a"]), tuple.is([1]), tuple.is([1, "a", null]), tuple.is(["a"])];
    assert.deepEqual(tuples, [true, true, true, false]);
    // A key named by `properties` and matched by `patternProperties` obeys both (allowMatchingProperties).
    const both = await bare("both", {
      properties: { foo: { type: "array" } },
      patternProperties: { "f.o": { minItems: 2 } },
    });
    assert.deepEqual([both.is({ foo: [1, 2] }), both.is({ foo: [1] }), both.is({ foo: "ab" })], [true, false, false]);
    // `required` naming a property nothing declares (strictRequired).
    const required = await bare("required", { type: "object", required: ["a"] });
    assert.deepEqual([required.is({ a: 1 }), required.is({})], [true, false]);
    // Keywords with no effect where they stand are legal: compiled, with a warning naming the file.
    const ignored = await bare("ignored", { if: { minimum: 1 }, minContains: 1 });
    assert.equal(ignored.is(0), true);
    const warned = ignored.warnings.join("\n");
    assert.match(warned, /ignored\.json: "if" without "then" and "else" is ignored/);
    assert.match(warned, /"minContains" without "contains" is ignored/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("strict mode stays on: an unknown keyword stops generate; unknown formats are annotations, with a warning", async () => {
  const dir = tempDir();
  const spec = (schema: Record<string, unknown>) => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/x": {
          get: {
            operationId: "getX",
            responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
          },
        },
      },
    };
    const file = join(dir, `${Object.keys(schema).join("-")}.json`);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  };
  // Redocly's struct gate rejects a misspelt keyword in an OpenAPI file before any emitter runs;
  // a bare JSON Schema file reaches Ajv, whose strict mode names the keyword and the file.
  const typo = join(dir, "typo.yaml");
  writeFileSync(typo, "type: object\nproperties:\n  a:\n    type: string\n    minLenght: 1\n");
  await assert.rejects(generate({ paths: [typo], cwd: ROOT, dryRun: true }), (err: Error) => {
    // Located where the keyword is written.
    assert.equal(
      String(err),
      'typo.yaml:5:5: cannot compile validators: strict mode: unknown keyword: "minLenght" (at /properties/a/minLenght)',
    );
    return true;
  });
  // Prose is left out of what Ajv compiles, but only JSON Schema's own prose keywords.
  const summary = join(dir, "summary.yaml");
  writeFileSync(summary, "type: object\nsummary: not a JSON Schema keyword\ndescription: one\n");
  await assert.rejects(
    generate({ paths: [summary], cwd: ROOT, dryRun: true }),
    /summary\.yaml:2:1: cannot compile validators: strict mode: unknown keyword: "summary"/,
  );
  const odd = spec({ type: "string", format: "operationId", pattern: "^[a-z\\-\\:]+$", "x-vendor": { note: 1 } });
  const result = await generate({ paths: [odd], cwd: ROOT, dryRun: true });
  assert.ok(
    result.warnings.some((w) => w.includes('"operationId"') && w.includes("annotations")),
    result.warnings.join("\n"),
  );
  assert.ok(
    result.warnings.some((w) => w.includes("not valid Unicode regular expressions")),
    result.warnings.join("\n"),
  );
  const loaded = await loadValidators(odd, { cwd: ROOT });
  assert.equal(fn<Guard>(loaded.exports, "isGetXResponse")("get-thing:"), true);
  assert.equal(fn<Guard>(loaded.exports, "isGetXResponse")("Get Thing"), false);
  // Escaped punctuation is all it takes: Unicode mode stays on for the spec's other patterns
  // (`.` is one code point there, so one emoji matches `^.$`). A pattern that needs more turns it off.
  const mixed = spec({
    type: "object",
    properties: { id: { type: "string", pattern: "^[a-z\\-\\:]+$" }, one: { type: "string", pattern: "^.$" } },
  });
  const mixedResult = await generate({ paths: [mixed], cwd: ROOT, dryRun: true });
  assert.ok(
    mixedResult.warnings.some((w) => w.includes("escaped punctuation")),
    mixedResult.warnings.join("\n"),
  );
  const isMixed = fn<Guard>((await loadValidators(mixed, { cwd: ROOT })).exports, "isGetXResponse");
  assert.deepEqual(
    [isMixed({ id: "a-b:c", one: "\u{1F600}" }), isMixed({ id: "a b" }), isMixed({ one: "ab" })],
    [true, false, false],
  );
  const letter = spec({
    type: "object",
    properties: { id: { type: "string", pattern: "^\\a$" }, one: { type: "string", pattern: "^.$" } },
  });
  assert.equal(
    fn<Guard>((await loadValidators(letter, { cwd: ROOT })).exports, "isGetXResponse")({ id: "a", one: "\u{1F600}" }),
    false,
    "non-Unicode mode: an emoji is two characters",
  );
});

test("each guard narrows to exactly the generated type, and misuse does not compile", () => {
  assert.deepEqual(typecheck([join(FIXTURES, "validators/guards.ts")]), []);
});

/** Every `example` / `examples` value at a schema position, and at media types, with the schema's pointer. */
function schemaExamples(spec: SpecModel): Array<{ pointer: string; value: unknown }> {
  const found: Array<{ pointer: string; value: unknown }> = [];
  const seen = new Set<string>();
  const token = (t: string) => t.replace(/~/g, "~0").replace(/\//g, "~1");
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node !== "object" || node === null || Array.isArray(node) || seen.has(pointer)) return;
    seen.add(pointer);
    const schema = node as Record<string, unknown>;
    if ("example" in schema) found.push({ pointer, value: schema.example });
    if (Array.isArray(schema.examples)) for (const value of schema.examples) found.push({ pointer, value });
    for (const key of [
      "items",
      "additionalProperties",
      "contains",
      "not",
      "if",
      "then",
      "else",
      "propertyNames",
      "unevaluatedItems",
      "unevaluatedProperties",
    ])
      visit(schema[key], `${pointer}/${key}`);
    for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"]) {
      if (Array.isArray(schema[key]))
        (schema[key] as unknown[]).forEach((s, i) => {
          visit(s, `${pointer}/${key}/${i}`);
        });
    }
    for (const key of ["properties", "patternProperties", "dependentSchemas", "$defs"]) {
      const map = schema[key];
      if (typeof map === "object" && map !== null)
        for (const [name, s] of Object.entries(map)) visit(s, `${pointer}/${key}/${token(name)}`);
    }
  };
  const doc = spec.document as {
    paths?: Record<string, Record<string, any>>;
    components?: { schemas?: Record<string, unknown> };
  };
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) visit(s, `/components/schemas/${token(name)}`);
  for (const op of spec.operations) {
    for (const r of op.responses) {
      if (!r.jsonSchemaPointer) continue;
      const media = r.jsonSchemaPointer.replace(/\/schema$/, "");
      const object = media
        .split("/")
        .slice(1)
        .reduce<any>((n, t) => n?.[t.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
      if (object && "example" in object) found.push({ pointer: r.jsonSchemaPointer, value: object.example });
      visit(object?.schema, r.jsonSchemaPointer);
    }
  }
  return found;
}

test("every schema example in specs/ passes the generated validators (same compile, one export per example)", async () => {
  const result = await generate({ cwd: ROOT, dryRun: true });
  assert.deepEqual(result.problems, []);
  let checked = 0;
  for (const spec of result.model.specs) {
    const examples = schemaExamples(spec);
    if (!examples.length) continue;
    const targets: ValidatorTarget[] = examples.map((e, i) => ({
      name: `Example${i}`,
      pointer: e.pointer,
      description: e.pointer,
    }));
    const module = await importValidators(spec, targets);
    examples.forEach((e, i) => {
      const validate = fn<RawValidator>(module, `validateExample${i}`);
      assert.ok(
        validate(e.value),
        `${spec.source}#${e.pointer}: ${JSON.stringify(e.value)} → ${JSON.stringify(problemsOf(validate.errors))}`,
      );
      checked++;
    });
  }
  // auth_metadata's response example; sso_login_flow's `type` and `identity_providers` examples
  // and the four property examples of an IdP.
  assert.equal(checked, 7);
  const example = (result.model.specs.find((s) => s.module === "client-server/auth_metadata")!.document as any).paths[
    "/auth_metadata"
  ].get.responses["200"].content["application/json"].schema.example;
  assert.equal(isAuth(example), true, "the spec's own example passes the shipped guard");
});

// ---------------------------------------------------------------------------
// The auth-metadata corpus
// ---------------------------------------------------------------------------

/**
 * Expected verdicts from ../shared/corpus/auth-metadata/SOURCES.md, one row per file.
 * `schema`: the "schema v1.15 (seed)" column, as the failing JSON pointers (`[]` = pass; a
 * missing property is reported at its own pointer, the root as `""`).
 * `prose`: the "prose rules" column (the MUST rules stated only in descriptions), mapped to the
 * pointer of the property each rule is about. It only counts when the prose rules are compiled
 * in, i.e. when specgen.config.json applies specs/overlays/auth_metadata.must.yaml.
 */
interface Row {
  file: string;
  schema: string[];
  prose: string[];
}
const ISS = "/issuer";
const RT = "/response_types_supported";
const GT = "/grant_types_supported";
const RM = "/response_modes_supported";
const CC = "/code_challenge_methods_supported";
const REG = "/registration_endpoint";
const REV = "/revocation_endpoint";
const AUTH = "/authorization_endpoint";
const TOKEN = "/token_endpoint";
const TABLE: Row[] = [
  // valid-or-real/
  { file: "valid-or-real/rfc8414-example.json", schema: [CC, GT, RM, REV], prose: [GT, RM, CC] },
  {
    file: "valid-or-real/openshift-oauth-server-example.json",
    schema: [REG, RM, REV, AUTH, ISS, TOKEN],
    prose: [ISS, GT, RM],
  },
  { file: "valid-or-real/msc2965-proposal-example.json", schema: [ISS], prose: [ISS] },
  { file: "valid-or-real/matrix-spec-v1.19-example.json", schema: [], prose: [] },
  { file: "valid-or-real/ruma-test-fixture.json", schema: [], prose: [] },
  { file: "valid-or-real/matrix-js-sdk-testing-fixture.json", schema: [], prose: [] },
  { file: "valid-or-real/mas-element-web-playwright-fixture.json", schema: [], prose: [ISS] },
  { file: "valid-or-real/mas-caddy-handwritten.json", schema: [RM], prose: [RM] },
  { file: "valid-or-real/google-dockyard-2022.json", schema: [REG, RM], prose: [RM] },
  { file: "valid-or-real/google-inter-mediator.json", schema: [REG, RM], prose: [RM] },
  { file: "valid-or-real/microsoft-common-v2-dockyard-2022.json", schema: [CC, GT, REG, REV, ISS], prose: [GT, CC] },
  { file: "valid-or-real/microsoft-entra-tenant-recording.json", schema: [CC, GT, REG, REV], prose: [GT, CC] },
  { file: "valid-or-real/okta-org-dockyard-2022.json", schema: [], prose: [] },
  { file: "valid-or-real/okta-custom-as-2026.json", schema: [], prose: [] },
  { file: "valid-or-real/keycloak-master-dockyard.json", schema: [], prose: [ISS] },
  { file: "valid-or-real/auth0-dockyard-2022.json", schema: [GT], prose: [GT] },
  { file: "valid-or-real/onelogin-dockyard-2022.json", schema: [], prose: [] },
  {
    file: "valid-or-real/vault-oidc-provider-dockyard-2022.json",
    schema: [CC, REG, RM, REV],
    prose: [ISS, GT, RM, CC],
  },
  { file: "valid-or-real/gitlab-oauth-authorization-server.json", schema: [REG], prose: [] },
  {
    file: "valid-or-real/github-actions-oidc.json",
    schema: [AUTH, CC, GT, REG, RM, REV, TOKEN],
    prose: [RT, GT, RM, CC],
  },
  { file: "valid-or-real/apple-edgedb-fixture.json", schema: [CC, GT, REG], prose: [GT, CC] },
  { file: "valid-or-real/vercel-oauth-as.json", schema: [], prose: [RM] },
  { file: "valid-or-real/oidc-provider-v9.json", schema: [], prose: [ISS] },
  { file: "valid-or-real/oidc-provider-v9-default-features.json", schema: [REG, REV], prose: [ISS] },
  // invalid/
  {
    file: "invalid/01-empty-object.json",
    schema: [AUTH, CC, GT, ISS, REG, RM, RT, REV, TOKEN],
    prose: [ISS, RT, GT, RM, CC],
  },
  { file: "invalid/02-json-null.json", schema: [""], prose: [""] },
  { file: "invalid/03-missing-issuer.json", schema: [ISS], prose: [ISS] },
  { file: "invalid/04-missing-registration-endpoint.json", schema: [REG], prose: [] },
  { file: "invalid/05-missing-response-modes.json", schema: [RM], prose: [RM] },
  { file: "invalid/06-issuer-wrong-type-number.json", schema: [ISS], prose: [ISS] },
  { file: "invalid/07-issuer-empty-string.json", schema: [ISS], prose: [ISS] },
  { file: "invalid/08-issuer-http-scheme.json", schema: [], prose: [ISS] },
  { file: "invalid/09-issuer-with-query.json", schema: [], prose: [ISS] },
  { file: "invalid/10-issuer-with-fragment.json", schema: [], prose: [ISS] },
  { file: "invalid/11-issuer-with-whitespace.json", schema: [ISS], prose: [] },
  { file: "invalid/12-endpoint-relative-reference.json", schema: [TOKEN], prose: [] },
  { file: "invalid/13-endpoint-javascript-scheme.json", schema: [], prose: [] },
  { file: "invalid/14-array-items-non-strings.json", schema: [`${CC}/1`, `${RT}/1`, `${RT}/2`, `${RT}/3`], prose: [] },
  { file: "invalid/15-missing-code-response-type.json", schema: [], prose: [RT] },
];
/** The switch for the prose column: on when the config applies the MUST overlay to auth_metadata. */
const PROSE_RULES_ON = (loadProjectConfig(ROOT).overlays["specs/client-server/auth_metadata.yaml"] ?? []).some((f) =>
  f.endsWith("auth_metadata.must.yaml"),
);
const expected = (row: Row, prose: boolean) => [...new Set([...row.schema, ...(prose ? row.prose : [])])].sort();
const corpusDoc = (file: string) => readJsonFile(join(CORPUS, file), ROOT);

test("the corpus table covers every file of ../shared/corpus/auth-metadata", () => {
  const files = ["valid-or-real", "invalid"]
    .flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => `${d}/${f}`))
    .sort();
  assert.deepEqual(TABLE.map((r) => r.file).sort(), files);
  assert.equal(
    TABLE.filter((r) => r.file.startsWith("valid-or-real/") && !r.schema.length).length,
    10,
    "SOURCES.md: schema v1.15, 10 pass",
  );
  assert.equal(
    TABLE.filter((r) => r.file.startsWith("valid-or-real/") && !r.prose.length).length,
    7,
    "SOURCES.md: prose rules, 7 pass",
  );
});

test("auth-metadata corpus, spec as written (no overlay): every verdict and pointer is the schema v1.15 column", async () => {
  const { exports } = await loadValidators("specs/client-server/auth_metadata.yaml", { cwd: ROOT, overlays: false });
  const validate = fn<RawValidator>(exports, "validateGetAuthMetadataResponse");
  for (const row of TABLE) {
    const doc = corpusDoc(row.file);
    const ok = validate(doc);
    const got = ok ? [] : pointers(problemsOf(validate.errors));
    assert.deepEqual(got, expected(row, false), row.file);
    assert.equal(ok, row.schema.length === 0, row.file);
  }
});

test(`auth-metadata corpus, shipped validators: the schema column${PROSE_RULES_ON ? " plus the prose column (MUST overlay on)" : " (prose column off)"}`, () => {
  for (const row of TABLE) {
    const doc = corpusDoc(row.file);
    const want = expected(row, PROSE_RULES_ON);
    assert.equal(isAuth(doc), want.length === 0, row.file);
    assert.deepEqual(pointers(problems(doc)), want, row.file);
  }
  // The three documents that meet every rule of the seed, plus the prose-only failures.
  assert.equal(
    isAuth(corpusDoc("invalid/13-endpoint-javascript-scheme.json")),
    true,
    "a javascript: endpoint is a valid absolute URI",
  );
});

test("ValidationError lists every problem with a JSON pointer and a readable message", () => {
  const doc = corpusDoc("invalid/14-array-items-non-strings.json");
  const ps = problems(doc);
  assert.deepEqual(ps.slice(0, 4), [
    { pointer: "/response_types_supported/1", message: "must be string" },
    { pointer: "/response_types_supported/2", message: "must be string" },
    { pointer: "/response_types_supported/3", message: "must be string" },
    { pointer: "/code_challenge_methods_supported/1", message: "must be string" },
  ]);
  try {
    assertAuth({ ...BASE, issuer: 42, revocation_endpoint: undefined });
    assert.fail("no throw");
  } catch (err) {
    assert.ok(err instanceof ValidationError);
    assert.equal(err.name, "ValidationError");
    assert.equal(err.schema, "GetAuthMetadataResponse");
    assert.equal(
      err.message,
      "value is not a valid GetAuthMetadataResponse (2 problems): /revocation_endpoint is required; /issuer must be string",
    );
  }
  try {
    assertAuth(null);
  } catch (err) {
    assert.equal(
      (err as Error).message,
      "value is not a valid GetAuthMetadataResponse (1 problem): (root) must be object",
    );
  }
  if (PROSE_RULES_ON) {
    assert.deepEqual(problems({ ...BASE, response_modes_supported: ["web_message.opener"] }), [
      { pointer: RM, message: 'must contain "query"' },
      { pointer: RM, message: 'must contain "fragment"' },
    ]);
  }
  // The raw Ajv function keeps Ajv's own errors.
  assert.equal(validateAuth({}), false);
  assert.ok((validateAuth.errors ?? []).every((e) => e.keyword === "required" || e.keyword === "contains"));
  assert.equal(validateAuth(BASE), true);
  assert.equal(validateAuth.errors, null);
});

test("problemsOf: pointers are escaped, duplicates dropped, a failed contains is one problem", () => {
  const err = (e: Partial<AjvErrorObject>): AjvErrorObject => ({
    instancePath: "",
    keyword: "type",
    params: {},
    schemaPath: "#/type",
    message: "must be object",
    ...e,
  });
  assert.deepEqual(
    problemsOf([
      err({
        keyword: "required",
        params: { missingProperty: "a/b~c" },
        message: "must have required property 'a/b~c'",
      }),
      err({
        keyword: "additionalProperties",
        instancePath: "/x",
        params: { additionalProperty: "__proto__" },
        message: "must NOT have additional properties",
      }),
      err({
        instancePath: "/l/0",
        keyword: "const",
        schemaPath: "#/properties/l/contains/const",
        params: { allowedValue: "code" },
        message: "must be equal to constant",
      }),
      err({
        instancePath: "/l",
        keyword: "contains",
        schemaPath: "#/properties/l/contains",
        params: { minContains: 1 },
        message: "must contain at least 1 valid item(s)",
      }),
      err({
        instancePath: "/k",
        keyword: "contains",
        schemaPath: "#/properties/k/contains",
        params: { minContains: 1 },
        message: "must contain at least 1 valid item(s)",
      }),
      err({}),
      err({}),
    ]),
    [
      { pointer: "/a~1b~0c", message: "is required" },
      { pointer: "/x/__proto__", message: "is not allowed here" },
      { pointer: "/l", message: 'must contain "code"' },
      { pointer: "/k", message: "must contain at least 1 valid item(s)" },
      { pointer: "", message: "must be object" },
    ],
  );
  assert.deepEqual(problemsOf(null), []);
  assert.equal(
    new ValidationError(
      "T",
      Array.from({ length: 12 }, (_, i) => err({ instancePath: `/${i}` })),
    ).message.endsWith("; … and 2 more"),
    true,
  );
});

// ---------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------

test("robustness: null, wrong types, empty arrays, case variants and invisible Unicode are rejected, never thrown on", () => {
  for (const value of [null, undefined, 0, -1, Number.NaN, "", "{}", true, [], [BASE], () => BASE, Symbol("x"), 10n]) {
    assert.equal(isAuth(value), false, String(typeof value));
    assert.equal(isFlow(value), false);
    assert.equal(isIdp(value), false);
  }
  assert.equal(isAuth(BASE), true);
  for (const [key, value] of [
    ["issuer", null],
    ["issuer", ["https://a.example/"]],
    ["issuer", { href: "https://a.example/" }],
    ["token_endpoint", 1],
    ["response_types_supported", "code"],
    ["grant_types_supported", { 0: "authorization_code" }],
    ["code_challenge_methods_supported", null],
    ["prompt_values_supported", [1]],
    // Invisible characters: zero-width space, BOM, soft hyphen, right-to-left override.
    ["issuer", "https://account.example.com/\u200b"],
    ["token_endpoint", "\ufeffhttps://account.example.com/oauth2/token"],
    ["authorization_endpoint", "https://account\u00ad.example.com/"],
    ["revocation_endpoint", "https://\u202eaccount.example.com/"],
  ] as const) {
    assert.equal(isAuth({ ...BASE, [key]: value }), false, `${key}: ${JSON.stringify(value)}`);
  }
  const { issuer, ...rest } = BASE;
  assert.equal(isAuth({ ...rest, Issuer: issuer }), false, "keys are case-sensitive");
  assert.equal(isAuth({ ...rest, "issuer\u200b": issuer }), false, "an invisible character makes another key");
  assert.equal(isAuth({ ...BASE, prompt_values_supported: [] }), true, "an empty optional list is fine");
  // Empty lists, case variants and look-alikes of the required values only fail the prose rules.
  for (const variant of [
    { response_types_supported: [] },
    { response_types_supported: ["CODE"] },
    { code_challenge_methods_supported: ["s256"] },
    { response_modes_supported: ["query", "fragment\u200b"] },
  ]) {
    assert.equal(isAuth({ ...BASE, ...variant }), !PROSE_RULES_ON, JSON.stringify(variant));
  }
  assert.equal(isFlow({ type: "M.LOGIN.SSO" }), false);
  assert.equal(isFlow({ type: "m.login.sso", identity_providers: [] }), true);
  assert.equal(isIdp({ id: "x", name: null }), false);
  noPollution();
});

test("robustness: __proto__, constructor and prototype keys neither satisfy required nor pollute Object.prototype", () => {
  // JSON.parse makes `__proto__` an own key; an object literal would set the prototype instead.
  const { issuer, ...rest } = BASE;
  const hidden = JSON.parse(
    `{"__proto__": {"issuer": ${JSON.stringify(issuer)}}, ${JSON.stringify(rest).slice(1)}`,
  ) as Record<string, unknown>;
  assert.ok(Object.hasOwn(hidden, "__proto__"));
  assert.equal(isAuth(hidden), false);
  assert.deepEqual(pointers(problems(hidden)), [ISS]);
  // A field inherited through the prototype chain is not the document's own.
  assert.equal(isAuth(Object.create(BASE)), false);
  assert.equal(isAuth(Object.assign(Object.create({ issuer }), rest)), false);
  assert.equal(isIdp(Object.assign(Object.create({ name: "GitHub" }), { id: "gh" })), false);
  // Extra keys with hostile names are just extra keys.
  const hostile = JSON.parse(
    `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}, ${JSON.stringify(BASE).slice(1)}`,
  ) as unknown;
  assert.equal(isAuth(hostile), true);
  assert.equal(
    isFlow(
      JSON.parse(
        '{"type": "m.login.sso", "__proto__": {"identity_providers": 1}, "identity_providers": [{"id": "a", "name": "A", "__proto__": {"polluted": 1}}]}',
      ),
    ),
    true,
  );
  assert.equal(isFlow(JSON.parse('{"__proto__": {"type": "m.login.sso"}}')), false);
  noPollution();
});

test("robustness: 10,000-deep nesting, 100,000-element arrays and a UTF-8 BOM", { timeout: 60_000 }, async () => {
  const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  const deepObject = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
  assert.equal(isAuth(JSON.parse(`{"extra": ${deep}, "more": ${deepObject}, ${JSON.stringify(BASE).slice(1)}`)), true);
  assert.equal(isAuth(JSON.parse(`{${JSON.stringify(BASE).slice(1, -1)}, "issuer": ${deep}}`)), false);
  assert.equal(isIdp(JSON.parse(`{"id": "x", "name": ${deepObject}}`)), false);
  assert.equal(
    isFlow(JSON.parse(`{"type": "m.login.sso", "identity_providers": [{"id": "x", "name": "y", "brand": ${deep}}]}`)),
    false,
  );

  // A recursive schema recurses with the value: past the call stack the guards answer "invalid".
  const { exports: tree } = await loadValidators(join(FIXTURES, "validators/shared.yaml"), { cwd: ROOT });
  const nest = (depth: number) => {
    let node: Record<string, unknown> = { name: "leaf" };
    for (let i = 0; i < depth; i++) node = { name: `n${i}`, children: [node] };
    return node;
  };
  assert.equal(fn<Guard>(tree, "isGetTreeResponse")(nest(1_000)), true);
  assert.equal(fn<Guard>(tree, "isGetTreeResponse")(nest(10_000)), false);
  assert.throws(
    () => fn<(v: unknown) => void>(tree, "assertGetTreeResponse")(nest(10_000)),
    (err: ValidationErrorLike) => {
      assert.equal(err.name, "ValidationError");
      assert.deepEqual(err.errors, [{ pointer: "", message: "is nested too deeply to validate" }]);
      return true;
    },
  );

  const many = Array.from({ length: 100_000 }, (_, i) => `type-${i}`);
  assert.equal(isAuth({ ...BASE, response_types_supported: [...many, "code"] }), true);
  assert.equal(isAuth({ ...BASE, response_types_supported: many }), !PROSE_RULES_ON);
  const numbers = Array.from({ length: 100_000 }, (_, i) => i);
  const ps = problems({ ...BASE, grant_types_supported: ["authorization_code", "refresh_token", ...numbers] });
  assert.equal(ps.filter((p) => p.message === "must be string").length, 100_000);
  assert.equal(
    isFlow({
      type: "m.login.sso",
      identity_providers: Array.from({ length: 100_000 }, (_, i) => ({ id: `i${i}`, name: "n" })),
    }),
    true,
  );

  const dir = tempDir();
  mkdirSync(join(dir, "bom"));
  const file = join(dir, "bom/with-bom.json");
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(BASE))]));
  assert.throws(() => JSON.parse(readFileSync(file, "utf8")), SyntaxError, "a BOM breaks plain JSON.parse");
  assert.equal(isAuth(readJsonFile(file, dir)), true);
  writeFileSync(file, Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d]));
  assert.throws(() => readJsonFile(file, dir), /with-bom\.json: not valid UTF-8/);
  noPollution();
});

test("property: any JSON value, with any extra keys, is answered with a boolean and pollutes nothing", () => {
  const hostileKey = fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "polluted",
  );
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const parsed = JSON.parse(JSON.stringify(value) ?? "null") as unknown;
      return (
        typeof isAuth(parsed) === "boolean" && typeof isFlow(parsed) === "boolean" && typeof isIdp(parsed) === "boolean"
      );
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.dictionary(fc.oneof(hostileKey, fc.string()), fc.jsonValue(), { maxKeys: 6 }), (extra) => {
      const known = new Set([...Object.keys(BASE), "prompt_values_supported"]);
      const text = JSON.stringify(Object.fromEntries(Object.entries(extra).filter(([k]) => !known.has(k))));
      const doc = JSON.parse(
        `${text.slice(0, -1)}${text.length > 2 ? "," : ""}${JSON.stringify(BASE).slice(1)}`,
      ) as unknown;
      return isAuth(doc) === true;
    }),
    { numRuns: 300 },
  );
  noPollution();
});
