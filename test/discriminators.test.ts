// Validators are as narrow as the types on discriminated unions (generator/emit/discriminators.ts):
// each verdict below is checked against what the type allows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import yaml from "js-yaml";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../generator/generate.js";
import { tagConstraints } from "../generator/emit/discriminators.js";
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
  const at = (name: string, property: string, values: string[], how: "properties" | "allOf") => ({ pointer: `/components/schemas/${name}`, property, values, how });
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
  const validators = (await import(pathToFileURL(join(out, "validators/index.js")).href)) as Record<string, (v: unknown) => boolean>;
  for (const [type, value, allowed] of CASES) assert.equal(validators[`is${type}`]!(value), allowed, `${type} ${JSON.stringify(value)}`);
  mkdirSync(join(dir, "use"));
  writeFileSync(
    join(dir, "use/use.ts"),
    `import type { GetEventResponse, GetPetResponse, GetShapeResponse } from "../out/types/index.js";\n` +
      CASES.map(([type, value, allowed], i) => `${allowed ? "" : "// @ts-expect-error\n"}export const v${i}: ${type} = ${JSON.stringify(value)};\n`).join(""),
  );
  assert.deepEqual(typecheck([join(dir, "use/use.ts")]), []);
});
