// Long (run by `npm run test:long`): hoisting changes no verdict of the whole JSON-Schema-Test-Suite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { hoistSubschemas } from "../../generator/emit/hoist.js";
import { DATA_KEYS, NAME_MAPS } from "../../generator/load/keys.js";
import { needsRemote, suiteGroups } from "../suite/json-schema-suite.js";

/** `schema` with its local `$ref`s made to point below `base` (names and data left alone). */
function rebase(node: unknown, base: string, names = false): unknown {
  if (Array.isArray(node)) return node.map((v) => rebase(v, base));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    let copy: unknown;
    if (names) copy = rebase(value, base);
    else if (key === "$ref" && typeof value === "string" && value.startsWith("#")) copy = `${base}${value.slice(1)}`;
    else if (DATA_KEYS.has(key)) copy = value;
    else copy = rebase(value, base, NAME_MAPS.has(key));
    Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

test("hoisting every subschema it may changes no verdict of the JSON-Schema-Test-Suite (2020-12)", () => {
  const refBase = "#/$defs/document";
  const at = "/components/schemas/T";
  const ID = "https://specgen.test/suite";
  // Groups whose schema had subschemas hoisted and still compiled.
  let hoistedGroups = 0;
  for (const group of suiteGroups().filter((g) => !needsRemote(g))) {
    // The root's `$schema` names the dialect every schema here has (hoisting stops at one).
    const { $schema, ...schema } = typeof group.schema === "object" ? (group.schema as Record<string, unknown>) : {};
    const root = $schema === "https://json-schema.org/draft/2020-12/schema" ? schema : group.schema;
    const document = { components: { schemas: { T: rebase(root, `${refBase}${at}`) } } };
    const verdicts = (hoist: boolean) => {
      const shared = { sharedChars: hoist ? 0 : Infinity, largeChars: hoist ? 0 : Infinity };
      const h = hoistSubschemas(document, refBase, "#/$defs/shared/", [at], shared);
      const ajv = new Ajv2020({ strict: false, logger: false, allErrors: true, inlineRefs: false });
      try {
        ajv.addSchema({ $id: ID, $defs: { document: h.document, shared: h.schemas } });
        const validate = ajv.getSchema(`${ID}${refBase}${at}`)!;
        const found = group.tests.map((t) => validate(t.data));
        if (hoist && Object.keys(h.schemas).length) hoistedGroups++;
        return found;
      } catch (err) {
        return (err as Error).message;
      }
    };
    assert.deepEqual(verdicts(true), verdicts(false), `${group.file}[${group.index}] ${group.description}`);
  }
  assert.ok(hoistedGroups > 100, `${hoistedGroups} groups had subschemas hoisted`);
});
