import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inlinePathRefs } from "../generator/emit/types/path-refs.js";
import { generate } from "../generator/generate.js";
import { documentFacts } from "../generator/model/facts.js";
import { tempDir } from "./helpers.js";
import { typecheck } from "./typecheck.js";

/**
 * A `$ref` into `paths` (ReadMe's oas-examples `circular-paths.yaml` has one, into a request
 * body): openapi-typescript types it as an indexed access through the optional `requestBody`,
 * which does not compile under strict; the types' copy inlines its target (emit/types/path-refs.ts).
 */

const TARGET = "#/paths/~1pets/post/requestBody/content/application~1json/schema/properties/owner";
const owner = { type: "object", properties: { name: { type: "string" } } };

/** A spec whose GET answer's `owner` property refers into POST's request body. */
function spec(ownerRef: Record<string, unknown> = { $ref: TARGET }): Record<string, unknown> {
  const body = { type: "object", properties: { owner } };
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/pets": {
        get: {
          operationId: "getPet",
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { type: "object", properties: { owner: ownerRef } } } },
            },
          },
        },
        post: {
          operationId: "addPet",
          requestBody: { content: { "application/json": { schema: body } } },
          responses: { "204": { description: "added" } },
        },
      },
    },
  };
}

const getOwner = (doc: Record<string, unknown>): unknown =>
  (doc as { paths: { "/pets": { get: { responses: { "200": { content: Record<string, { schema: unknown }> } } } } } })
    .paths["/pets"].get.responses["200"].content["application/json"]!.schema;

test("a $ref into paths is replaced by a copy of its target", () => {
  const doc = spec();
  inlinePathRefs(doc);
  assert.deepEqual(getOwner(doc), { type: "object", properties: { owner } });
});

const table: Array<[string, Record<string, unknown>, unknown]> = [
  ["siblings kept beside the target", { $ref: TARGET, description: "d" }, { allOf: [owner, { description: "d" }] }],
  ["a $ref into components stays", { $ref: "#/components/schemas/Owner" }, { $ref: "#/components/schemas/Owner" }],
  ["a pointer that leads nowhere stays", { $ref: "#/paths/~1nope/get" }, { $ref: "#/paths/~1nope/get" }],
  ["a bad escape stays", { $ref: "#/paths/%zz" }, { $ref: "#/paths/%zz" }],
  ["example data is not a reference", { examples: [{ $ref: TARGET }] }, { examples: [{ $ref: TARGET }] }],
];
for (const [name, given, want] of table) {
  test(`inlinePathRefs: ${name}`, () => {
    const doc = spec(given);
    inlinePathRefs(doc);
    const got = (getOwner(doc) as { properties: { owner: unknown } }).properties.owner;
    assert.deepEqual(got, want);
  });
}

test("a property named __proto__ that refers into paths gets the copy as its own value, not as a prototype", () => {
  const doc = spec();
  const properties = (getOwner(doc) as { properties: Record<string, unknown> }).properties;
  delete properties.owner;
  Object.defineProperty(properties, "__proto__", {
    value: { $ref: TARGET },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  inlinePathRefs(doc);
  assert.equal(Object.getPrototypeOf(properties), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(properties, "__proto__")?.value, owner);
});

test("a $ref into paths that reaches itself again stays inside its copy (no endless copying)", () => {
  const loop = "#/paths/~1a/get/responses/200/content/application~1json/schema";
  const schema = { type: "object", properties: { next: { $ref: loop } } };
  const doc: Record<string, unknown> = {
    paths: { "/a": { get: { responses: { "200": { content: { "application/json": { schema } } } } } } },
    components: { schemas: { A: { $ref: loop } } },
  };
  inlinePathRefs(doc);
  const a = (doc.components as { schemas: { A: unknown } }).schemas.A;
  assert.deepEqual(a, { type: "object", properties: { next: { $ref: loop } } });
});

test("facts.pathRefs: a $ref into paths or webhooks, not one in data or into components", () => {
  assert.equal(documentFacts(spec()).pathRefs, true);
  assert.equal(documentFacts({ webhooks: { w: { $ref: "#/webhooks/v" } } }).pathRefs, true);
  assert.equal(documentFacts(spec({ $ref: "#/components/schemas/O" })).pathRefs, false);
  assert.equal(documentFacts(spec({ example: { $ref: TARGET } })).pathRefs, false);
});

test("the types of a spec with a $ref into a request body compile under the strictest flags", async () => {
  const dir = tempDir();
  try {
    const file = join(dir, "pets.json");
    writeFileSync(file, JSON.stringify(spec()));
    const out = join(dir, "out");
    const result = await generate({ cwd: dir, paths: [file], out, config: { emit: ["types"] } });
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [],
    );
    const types = join(out, "types");
    const files = readdirSync(types).filter((f) => f.endsWith(".d.ts"));
    assert.deepEqual(typecheck(files.map((f) => join(types, f))), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
