import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hoistSubschemas } from "../generator/emit/hoist.js";
import { compileAjvModule } from "../generator/emit/validators/compile.js";
import { importValidators, loadSpec } from "../generator/validate/index.js";
import { tempDir } from "./helpers.js";

/**
 * Subschemas hoisted into functions of their own (generator/emit/hoist.ts): a spec that repeats
 * one big object in many bodies, inline or through `$ref`, compiles it once, so its validators
 * grow with the number of bodies, not with bodies × the object's size; and hoisting never
 * changes a verdict.
 */

/** An inline object with `n` properties of a few kinds, as big as GitHub's `pull_request` is for n ≈ 100. */
function bigObject(n: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const kinds = [
      { type: "string", minLength: 1 },
      { type: ["integer", "null"], minimum: 0 },
      { type: "array", items: { type: "string", enum: ["a", "b"] } },
      { type: "object", required: ["id"], properties: { id: { type: "integer" }, login: { type: "string" } } },
    ];
    properties[`field_${i}`] = kinds[i % kinds.length];
  }
  return { type: "object", required: ["field_0", "field_1"], properties, additionalProperties: false };
}

/** A spec of `count` webhooks whose bodies each hold the same big object, inline or as a `$ref` to a component. */
function webhooks(count: number, fields: number, how: "inline" | "ref"): Record<string, unknown> {
  const hooks: Record<string, unknown> = {};
  const big = how === "inline" ? bigObject(fields) : { $ref: "#/components/schemas/Big" };
  for (let i = 0; i < count; i++) {
    const schema = {
      type: "object",
      required: ["action", "thing"],
      properties: { action: { const: `act${i}` }, thing: big, sender: { type: "string" } },
    };
    const body = { required: true, content: { "application/json": { schema } } };
    const responses = { "200": { description: "ok" } };
    hooks[`hook${i}`] = { post: { operationId: `hook${i}`, requestBody: body, responses } };
  }
  const components = how === "ref" ? { schemas: { Big: bigObject(fields) } } : {};
  return { openapi: "3.1.0", info: { title: "hooks", version: "1" }, webhooks: hooks, components };
}

const SHARED = { runtime: "./runtime.js", formats: "./formats.js", helpers: "./helpers.js" };

/** The validators module's size for a spec, and the spec's model. */
async function compiled(dir: string, doc: unknown) {
  const file = join(dir, "hooks.json");
  writeFileSync(file, JSON.stringify(doc));
  const { spec, targets } = await loadSpec(file, { cwd: dir });
  return { spec, targets, size: (await compileAjvModule(spec, targets, SHARED)).length };
}

for (const how of ["inline", "ref"] as const) {
  const title = `50 webhooks share one big object (${how}): validators grow with the webhooks, not webhooks × object`;
  test(title, async () => {
    const dir = tempDir();
    try {
      // What each webhook adds, with the object at two sizes: compiled in every body, it would
      // double when the object does; compiled once, it does not depend on the object.
      const perHook = async (fields: number) => {
        const few = await compiled(dir, webhooks(10, fields, how));
        const many = await compiled(dir, webhooks(50, fields, how));
        return (many.size - few.size) / 40;
      };
      const small = await perHook(40);
      const large = await perHook(80);
      const objectCode = (await compiled(dir, webhooks(1, 80, how))).size;
      assert.ok(large < small * 1.2, `per webhook: ${small} bytes with 40 fields, ${large} with 80`);
      assert.ok(large < objectCode / 5, `per webhook ${large} bytes; one webhook's module ${objectCode}`);

      const { spec, targets } = await compiled(dir, webhooks(50, 80, how));
      const m = (await importValidators(spec, targets)) as Record<string, (v: unknown) => boolean>;
      const thing = { field_0: "x", field_1: 3, field_3: { id: 1 } };
      assert.equal(m.isHook49Body!({ action: "act49", thing }), true);
      assert.equal(m.isHook49Body!({ action: "act49", thing: { ...thing, field_1: -1 } }), false);
      assert.equal(m.isHook7Body!({ action: "act7", thing: { ...thing, extra: 1 } }), false);
      assert.equal(m.isHook7Body!({ action: "act7", thing: { field_0: "x" } }), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("hoisting leaves alone a document with scoped keywords, what holds a $ref target, what is under contains", () => {
  const big = { type: "object", properties: { a: { type: "string", minLength: 2 } } };
  const all = { sharedChars: 0, largeChars: 0 };
  const hoist = (schemas: Record<string, unknown>) =>
    hoistSubschemas({ components: { schemas } }, "#/$defs/document", "#/$defs/shared/", [], all);
  assert.deepEqual(hoist({ T: { properties: { x: big } }, U: { $anchor: "u" } }).schemas, {});
  const ref = { $ref: "#/$defs/document/components/schemas/T/properties/x/properties/a" };
  const kept = hoist({ T: { properties: { x: big } }, U: ref });
  // `x` holds the `$ref` target `a`: it stays; `a` itself may move, the `$ref` leads there still.
  assert.deepEqual(Object.values(kept.origins), [["/components/schemas/T/properties/x/properties/a"]]);
  assert.deepEqual(hoist({ T: { contains: big } }).schemas, {});
  const twice = hoist({ T: { properties: { x: big, y: big } } });
  assert.deepEqual(twice.origins, {
    s1: ["/components/schemas/T/properties/x/properties/a", "/components/schemas/T/properties/y/properties/a"],
    s2: ["/components/schemas/T/properties/x", "/components/schemas/T/properties/y"],
  });
});
