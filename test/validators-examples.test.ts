/**
 * Every schema example of specs/ passes the validators compiled from its spec.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "../generator/generate.js";
import { parsePointer, valueAt } from "../generator/load/pointer.js";
import type { SpecModel } from "../generator/model/types.js";
import { problemsOf } from "../generator/runtime/validation.js";
import { importValidators } from "../generator/validate/index.js";
import type { ValidatorTarget } from "../generator/emit/validators/targets.js";
import { ROOT } from "./helpers.js";
import { type RawValidator, fn, isAuth } from "./generated-validators.js";

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
  const doc = spec.document as { components?: { schemas?: Record<string, unknown> } };
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) visit(s, `/components/schemas/${token(name)}`);
  for (const op of spec.operations) {
    for (const r of op.responses) {
      if (!r.jsonSchemaPointer) continue;
      const media = r.jsonSchemaPointer.replace(/\/schema$/, "");
      const object = valueAt(doc, parsePointer(media));
      if (typeof object !== "object" || object === null) continue;
      if ("example" in object) found.push({ pointer: r.jsonSchemaPointer, value: object.example });
      visit(valueAt(object, ["schema"]), r.jsonSchemaPointer);
    }
  }
  return found;
}

test("every schema example in specs/ passes the generated validators (same compile, an export each)", async () => {
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
  const authMetadata = result.model.specs.find((s) => s.module === "client-server/auth_metadata")!.document;
  const at = ["paths", "/auth_metadata", "get", "responses", "200", "content", "application/json", "schema", "example"];
  const example = valueAt(authMetadata, at);
  assert.notEqual(example, undefined, "auth_metadata's response example");
  assert.equal(isAuth(example), true, "the spec's own example passes the shipped guard");
});
