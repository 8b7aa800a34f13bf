import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../generator/generate.js";
import { lint } from "../generator/lint/index.js";
import { tempDir } from "./helpers.js";

/**
 * Discriminator mapping values that are schema names (generator/load/mapping-names.ts): valid
 * OpenAPI, which Redocly's no-unresolved-refs reports as unresolvable references.
 */

const pet = (tag: string, own: string) => ({
  type: "object",
  required: ["petType"],
  properties: { petType: { type: "string" }, [own]: { type: "boolean" } },
  description: tag,
});

function spec(mapping: Record<string, string>): Record<string, unknown> {
  const union = {
    oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
    discriminator: { propertyName: "petType", mapping },
  };
  return {
    openapi: "3.1.0",
    info: { title: "pets", version: "1" },
    paths: {
      "/pet": {
        get: {
          operationId: "getPet",
          responses: { "200": { description: "ok", content: { "application/json": { schema: union } } } },
        },
      },
    },
    components: { schemas: { Cat: pet("cat", "purrs"), Dog: pet("dog", "barks") } },
  };
}

async function run(mapping: Record<string, string>) {
  const dir = tempDir();
  const file = join(dir, "pets.json");
  writeFileSync(file, JSON.stringify(spec(mapping), null, 1));
  const out = join(dir, "out");
  const result = await generate({ cwd: dir, paths: [file], out });
  return { dir, out, result };
}

test("a mapping by schema names generates, tagged by the mapping's keys", async () => {
  const { dir, out, result } = await run({ kitty: "Cat", doggo: "Dog" });
  try {
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [],
    );
    const types = readFileSync(join(out, "types/pets.d.ts"), "utf8");
    assert.match(types, /petType: "kitty"/);
    assert.match(types, /petType: "doggo"/);
    const { isGetPetResponse } = (await import(join(out, "validators/pets.js"))) as {
      isGetPetResponse: (v: unknown) => boolean;
    };
    assert.equal(isGetPetResponse({ petType: "kitty", purrs: true }), true);
    assert.equal(isGetPetResponse({ petType: "Cat", purrs: true }), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const refused: Array<[string, Record<string, string>, string]> = [
  ["a name no component has", { kitty: "Cat", doggo: "Wolf" }, "doggo"],
  ["a name after a reference that resolves", { kitty: "#/components/schemas/Cat", doggo: "Wolf" }, "doggo"],
];
for (const [name, mapping, key] of refused) {
  test(`a mapping with ${name} is refused at its key`, async () => {
    const { dir, result } = await run(mapping);
    try {
      const problem = result.problems.find((p) => p.ruleId === "no-unresolved-refs");
      assert.ok(problem, JSON.stringify(result.problems.map((p) => p.message)));
      assert.match(problem.message, /^Can't resolve \$ref/);
      assert.equal(
        problem.location[0]?.pointer,
        `#/paths/~1pet/get/responses/200/content/application~1json/schema/discriminator/mapping/${key}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// `specgen lint` agrees with `generate`: a name is not reported, anything unresolvable still is,
// also a name given in another file than the one holding the components.
const linted: Array<[string, Record<string, string>, string[]]> = [
  ["names", { kitty: "Cat", doggo: "Dog" }, []],
  ["references", { kitty: "#/components/schemas/Cat" }, []],
  ["a name no component has", { kitty: "Cat", doggo: "Wolf" }, ["doggo"]],
  ["a reference that resolves to nothing", { kitty: "#/components/schemas/Kat" }, ["kitty"]],
  ["a value that is not a name", { kitty: "Cat!" }, ["kitty"]],
];
for (const [name, mapping, reported] of linted) {
  test(`lint of a mapping with ${name} reports ${JSON.stringify(reported)}`, async () => {
    const dir = tempDir();
    try {
      const file = join(dir, "pets.json");
      writeFileSync(file, JSON.stringify(spec(mapping), null, 1));
      const result = await lint([file], { cwd: dir });
      const unresolved = result.problems.filter((p) => p.ruleId === "no-unresolved-refs");
      assert.deepEqual(
        unresolved.map((p) => p.location[0]?.pointer?.split("/").at(-1)),
        reported,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
