// OpenAPI 3.0 schemas read as JSON Schema 2020-12 (load/oas30.ts), the way openapi-typescript
// types them: by the validators and by lint's example check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { schemaFrom30 } from "../generator/load/oas30.js";
import { generate } from "../generator/generate.js";
import { lint } from "../generator/lint/index.js";
import { REPO_LINT_CONFIG, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

test("schemaFrom30: nullable joins null to type and enum, wraps what combines, numbers the exclusive bounds", () => {
  assert.deepEqual(schemaFrom30({ type: "integer", nullable: true }), { type: ["integer", "null"] });
  assert.deepEqual(schemaFrom30({ type: "string", enum: ["a"], nullable: true }), {
    type: ["string", "null"],
    enum: ["a", null],
  });
  assert.deepEqual(schemaFrom30({ allOf: [{ $ref: "#/X" }], nullable: true }), {
    anyOf: [{ allOf: [{ $ref: "#/X" }] }, { type: "null" }],
  });
  assert.deepEqual(schemaFrom30({ const: 1, nullable: true }), { anyOf: [{ const: 1 }, { type: "null" }] });
  // Without `type`, a schema of type-specific keywords admits null already.
  assert.deepEqual(schemaFrom30({ properties: { a: {} }, nullable: true }), { properties: { a: {} } });
  assert.deepEqual(schemaFrom30({ type: "string", nullable: false }), { type: "string" });
  assert.deepEqual(schemaFrom30({ minimum: 1, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false }), {
    exclusiveMinimum: 1,
    maximum: 9,
  });
  const plain = { type: "string", properties: { nullable: { type: "boolean" } } };
  assert.equal(schemaFrom30(plain), plain, "nothing 3.0-only: the same object");
});

const SPEC = `openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://api.example"}]
paths:
  /n:
    get:
      operationId: getN
      summary: A reading.
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Reading"}
              example: {value: 1.5, unit: null, source: null, level: null}
components:
  schemas:
    Reading:
      type: object
      required: [value]
      properties:
        value: {type: number, minimum: 1, exclusiveMinimum: true, example: 2}
        unit: {type: string, enum: [c, f], nullable: true, example: null}
        source: {type: object, nullable: true, allOf: [{$ref: "#/components/schemas/Source"}]}
        level: {type: integer, nullable: true}
    Source: {type: object, required: [id], properties: {id: {type: string}}}
`;

test("OpenAPI 3.0: validators agree with the types on null and exclusive bounds; lint reads examples so", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "api.yaml"), SPEC);
  const linted = await lint([join(dir, "api.yaml")], { cwd: dir, config: REPO_LINT_CONFIG });
  assert.deepEqual(
    linted.problems.map((p) => p.message),
    [],
  );
  const out = join(dir, "out");
  const result = await generate({ paths: [join(dir, "api.yaml")], out, cwd: dir });
  assert.deepEqual(result.problems, []);
  const { isGetNResponse } = (await import(pathToFileURL(join(out, "validators/index.js")).href)) as {
    isGetNResponse: (v: unknown) => boolean;
  };
  assert.equal(isGetNResponse({ value: 1.5, unit: null, source: null, level: null }), true);
  assert.equal(isGetNResponse({ value: 2, unit: "c", source: { id: "s" }, level: 3 }), true);
  assert.equal(isGetNResponse({ value: 1 }), false, "exclusiveMinimum: true excludes the minimum");
  assert.equal(isGetNResponse({ value: 2, unit: "k" }), false);
  assert.equal(isGetNResponse({ value: 2, source: {} }), false);
  // The types admit the same nulls, and refuse what the validators refuse.
  mkdirSync(join(dir, "use"));
  writeFileSync(
    join(dir, "use/use.ts"),
    `import type { GetNResponse } from "../out/types/index.js";\n` +
      `export const nulls: GetNResponse = { value: 1.5, unit: null, source: null, level: null };\n` +
      `// @ts-expect-error not a unit\nexport const bad: GetNResponse = { value: 2, unit: "k" };\n`,
  );
  assert.deepEqual(typecheck([join(dir, "use/use.ts")]), []);
});

test("lint's example check: ids in examples are not schema ids; a parameter file's example is checked", async () => {
  const dir = tempDir();
  const response = (_name: string) =>
    `description: ok\ncontent:\n  application/json:\n` +
    `    schema: {type: object, properties: {thing: {type: object, properties: {id: {type: string}}}}}\n` +
    `    example: {thing: {id: same-id-in-both}}\n`;
  writeFileSync(join(dir, "a.yaml"), response("a"));
  writeFileSync(join(dir, "b.yaml"), response("b"));
  writeFileSync(
    join(dir, "param.yaml"),
    "in: path\nname: id\nrequired: true\nschema: {anyOf: [{type: integer}, {type: string}]}\nexample: 512189\n",
  );
  writeFileSync(
    join(dir, "api.yaml"),
    `openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: "https://api.example"}]\npaths:\n` +
      `  /a/{id}:\n    get:\n      operationId: getA\n      summary: A.\n` +
      `      parameters: [{$ref: ./param.yaml}]\n      responses: {"200": {$ref: ./a.yaml}}\n` +
      `  /b:\n    get:\n      operationId: getB\n      summary: B.\n      responses: {"200": {$ref: ./b.yaml}}\n`,
  );
  const linted = await lint([join(dir, "api.yaml")], { cwd: dir, config: REPO_LINT_CONFIG });
  assert.deepEqual(
    linted.problems.map((p) => p.message),
    [],
  );
  // And a wrong example there is still found.
  writeFileSync(
    join(dir, "param.yaml"),
    "in: path\nname: id\nrequired: true\nschema: {anyOf: [{type: integer}, {type: string}]}\nexample: [1]\n",
  );
  const wrong = await lint([join(dir, "api.yaml")], { cwd: dir, config: REPO_LINT_CONFIG });
  assert.deepEqual(
    wrong.problems.map((p) => p.message),
    [
      "Example does not match its schema: Instance does not match any subschemas.",
      'Example does not match its schema: Instance type "array" is invalid. Expected "integer".',
      'Example does not match its schema: Instance type "array" is invalid. Expected "string".',
    ],
  );
});
