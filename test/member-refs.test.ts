import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nameMemberRefs } from "../generator/emit/types/member-refs.js";
import { generate } from "../generator/generate.js";
import { tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

/**
 * `$ref`s to a member of a component schema in an OpenAPI document (emit/types/member-refs.ts).
 * openapi-typescript prints `#/components/schemas/Pet/properties/owner/properties/name` as
 * `components["schemas"]["Pet"]["owner"]["name"]`, which does not compile when `owner` is
 * optional, nor `.../tags/items` on an array (APIs.guru's twinehealth.com failed so).
 */

const pet = {
  type: "object",
  required: ["id"],
  properties: {
    id: { type: "integer" },
    owner: { type: "object", properties: { name: { type: "string" } } },
    tags: { type: "array", items: { type: "string", maxLength: 8 } },
  },
};

function spec(schema: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/owner": {
        get: {
          operationId: "getOwnerName",
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
    components: {
      schemas: {
        Pet: pet,
        Named: { allOf: [{ $ref: "#/components/schemas/Pet/properties/owner" }], required: ["name"] },
        Tag: { $ref: "#/components/schemas/Pet/properties/tags/items" },
        ...extra,
      },
    },
  };
}

const NAME_REF = (): Record<string, unknown> => ({ $ref: "#/components/schemas/Pet/properties/owner/properties/name" });

test("member $refs: the generated types compile under strict and name what the refs name", async () => {
  const dir = tempDir();
  try {
    const file = join(dir, "api.json");
    writeFileSync(file, JSON.stringify(spec(NAME_REF())));
    const out = join(dir, "out");
    const result = await generate({ cwd: dir, paths: [file], out });
    assert.deepEqual(
      result.problems.filter((p) => p.severity === "error"),
      [],
    );
    const decl = readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".d.ts"));
    assert.deepEqual(typecheck(decl.map((f) => join(out, f))).map(String), []);
    const types = readFileSync(join(out, "types/api.d.ts"), "utf8");
    assert.match(types, /"Pet\.properties\.owner\.properties\.name": string;/);
    assert.match(types, /"Pet\.properties\.tags\.items": string;/);
    assert.doesNotMatch(types, /\["Pet"\]\["owner"\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const table: Array<[string, Record<string, unknown>, unknown]> = [
  ["a member gets a key of its own", NAME_REF(), { $ref: "#/components/schemas/Pet.properties.owner.properties.name" }],
  ["a whole component stays", { $ref: "#/components/schemas/Pet" }, { $ref: "#/components/schemas/Pet" }],
  [
    "a pointer that leads nowhere stays",
    { $ref: "#/components/schemas/Pet/nope" },
    { $ref: "#/components/schemas/Pet/nope" },
  ],
  ["example data is not a reference", { examples: [NAME_REF()] }, { examples: [NAME_REF()] }],
];
for (const [name, given, want] of table) {
  test(`nameMemberRefs: ${name}`, () => {
    const doc = spec(given);
    nameMemberRefs(doc);
    const schema = (doc as { paths: Record<string, { get: { responses: Record<string, unknown> } }> }).paths["/owner"]!
      .get.responses["200"] as { content: Record<string, { schema: unknown }> };
    assert.deepEqual(schema.content["application/json"]!.schema, want);
  });
}

test("nameMemberRefs: a key already taken gets a number, and the target is the member itself", () => {
  const doc = spec(NAME_REF(), { "Pet.properties.owner.properties.name": { type: "boolean" } });
  nameMemberRefs(doc);
  const schemas = (doc as { components: { schemas: Record<string, unknown> } }).components.schemas;
  assert.deepEqual(schemas["Pet.properties.owner.properties.name"], { type: "boolean" });
  assert.equal(schemas["Pet.properties.owner.properties.name2"], pet.properties.owner.properties.name);
});

test("nameMemberRefs: hostile component names give keys of plain characters, own keys, no prototype change", () => {
  const schemas = JSON.parse('{"__proto__": {"properties": {"a": {"type": "string"}}}}') as Record<string, unknown>;
  schemas['a"*/b'] = { properties: { "x*/": { type: "integer" } } };
  const doc = spec(NAME_REF());
  const at = (doc as { components: { schemas: Record<string, unknown> } }).components;
  at.schemas = schemas;
  const refs = [
    { $ref: "#/components/schemas/__proto__/properties/a" },
    { $ref: "#/components/schemas/a%22*~1b/properties/x*~1" },
  ];
  (doc as { paths: Record<string, unknown> }).paths = {
    "/x": { get: { responses: { "200": { content: { "a/b": { schema: { anyOf: refs } } } } } } },
  };
  nameMemberRefs(doc);
  const added = Object.keys(schemas)
    .filter((k) => k !== "__proto__" && k !== 'a"*/b')
    .sort();
  assert.deepEqual(added, ["__proto__.properties.a", "a_22__1b.properties.x__1"]);
  for (const key of added) assert.ok(Object.hasOwn(schemas, key) && /^[\w$.-]+$/.test(key), key);
  assert.deepEqual(
    refs.map((r) => r.$ref),
    added.map((k) => `#/components/schemas/${k}`),
  );
  assert.equal(({} as Record<string, unknown>).properties, undefined);
});
