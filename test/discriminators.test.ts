// Validators are as narrow as the types on discriminated unions (generator/model/discriminators.ts):
// each verdict below is checked against what the type allows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import yaml from "js-yaml";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { lint } from "../generator/lint/index.js";
import { tagConstraints } from "../generator/model/discriminators.js";
import { FIXTURES, tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

const SPEC = join(FIXTURES, "discriminators/pets.yaml");

// [type, value, allowed by the type]
const CASES: Array<[string, unknown, boolean]> = [
  ["GetShapeResponse", { kind: "Circle", r: 1 }, true],
  ["GetShapeResponse", { kind: "Square", side: 1 }, true],
  ["GetShapeResponse", { kind: "Square", side: "1" }, false],
  ["GetShapeResponse", { kind: "circle", r: 1 }, false],
  ["GetPetResponse", { petType: "cat", purrs: true }, true],
  ["GetPetResponse", { petType: "Dog", barks: true }, true],
  // A Cat by its shape, tagged as something else: no member of the union.
  ["GetPetResponse", { petType: "Cat", purrs: true }, false],
  ["GetPetResponse", { petType: "dog", barks: true }, false],
  // Fish fixes its own tag: "fish", not its name.
  ["GetPetResponse", { petType: "fish", fins: 2 }, true],
  ["GetPetResponse", { petType: "Fish", fins: 2 }, false],
  ["GetEventResponse", { kind: "created", at: 1 }, true],
  ["GetEventResponse", { kind: "removed" }, true],
  ["GetEventResponse", { kind: "Created", at: 1 }, false],
  ["GetEventResponse", { kind: "created" }, false],
];

test("the tags the types give: mapping keys, else names; inherited through allOf", () => {
  const at = (name: string, property: string, values: string[], how: "properties" | "allOf") => ({
    pointer: `/components/schemas/${name}`,
    property,
    values,
    how,
  });
  assert.deepEqual(tagConstraints(yaml.load(readFileSync(SPEC, "utf8"))), [
    // /event's oneOf has no mapping, and its members fix their tags: those values.
    at("Created", "kind", ["created"], "properties"),
    at("Deleted", "kind", ["deleted", "removed"], "properties"),
    // Shape's oneOf has no mapping: its members are tagged with their names.
    at("Circle", "kind", ["Circle"], "properties"),
    at("Square", "kind", ["Square"], "properties"),
    // Cat extends Pet, whose mapping names it; Fish fixes its tag itself; Dog extends Pet
    // unnamed: its own name.
    at("Cat", "petType", ["cat"], "allOf"),
    at("Fish", "petType", ["fish"], "allOf"),
    at("Dog", "petType", ["Dog"], "allOf"),
  ]);
});

test("discriminated unions: each validator verdict is the type's", async () => {
  const dir = tempDir();
  const out = join(dir, "out");
  const result = await generate({ paths: [SPEC], out, cwd: dir });
  assert.deepEqual(result.problems, []);
  const validators = (await import(pathToFileURL(join(out, "validators/index.js")).href)) as Record<
    string,
    (v: unknown) => boolean
  >;
  for (const [type, value, allowed] of CASES)
    assert.equal(validators[`is${type}`]!(value), allowed, `${type} ${JSON.stringify(value)}`);
  mkdirSync(join(dir, "use"));
  writeFileSync(
    join(dir, "use/use.ts"),
    `import type { GetEventResponse, GetPetResponse, GetShapeResponse } from "../out/types/index.js";\n` +
      CASES.map(
        ([type, value, allowed], i) =>
          `${allowed ? "" : "// @ts-expect-error\n"}export const v${i}: ${type} = ${JSON.stringify(value)};\n`,
      ).join(""),
  );
  assert.deepEqual(typecheck([join(dir, "use/use.ts")]), []);
});

test("lint checks examples with the tags the validators require", async () => {
  const dir = tempDir();
  const file = join(dir, "api.yaml");
  const spec = (tag: string) =>
    `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /pet:\n    get:\n      operationId: getPet\n` +
    `      responses:\n        "200":\n          description: ok\n          content:\n` +
    `            application/json:\n              schema: {$ref: "#/components/schemas/Pet"}\n` +
    `              example: {petType: ${tag}, purrs: true}\n` +
    `components:\n  schemas:\n    Pet:\n` +
    `      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]\n` +
    `      discriminator: {propertyName: petType, mapping: ` +
    `{cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}}\n` +
    `    Cat: {type: object, required: [purrs], properties: {petType: {type: string}, purrs: {type: boolean}}}\n` +
    `    Dog: {type: object, required: [barks], properties: {petType: {type: string}, barks: {type: boolean}}}\n`;
  const examples = async () =>
    (await lint([file], { cwd: dir })).problems
      .filter((p) => p.ruleId === "specgen/example-valid")
      .map((p) => p.message);
  writeFileSync(file, spec("cat"));
  assert.deepEqual(await examples(), []);
  // Valid JSON Schema (a Cat by its shape), but tagged as a dog: the validators reject it.
  writeFileSync(file, spec("dog"));
  const found = await examples();
  assert.ok(
    found.length > 0 && found.every((m) => m.startsWith("Example does not match its schema")),
    found.join("\n"),
  );
  assert.ok(
    found.some((m) => m.includes("/petType")),
    found.join("\n"),
  );
});

// The survey walks with load/walk.ts, which takes a node's entries last key first: the tags must
// still be found in document order, where a schema keeps the first tag it is given, and a
// property named like a data keyword is not entered, as before.
test("tags are given in document order; a property named enum is not entered", () => {
  const union = (key: string) => ({
    oneOf: [{ $ref: "#/components/schemas/Cat" }],
    discriminator: { propertyName: "pet", mapping: { [key]: "#/components/schemas/Cat" } },
  });
  const schemas = {
    First: union("first"),
    Second: union("second"),
    Cat: { type: "object" },
    Wrapper: { properties: { enum: { oneOf: [], discriminator: { propertyName: "x" } } } },
  };
  const constraints = tagConstraints({ components: { schemas } });
  const want = { pointer: "/components/schemas/Cat", property: "pet", values: ["first"], how: "properties" };
  assert.deepEqual(constraints, [want]);
});
