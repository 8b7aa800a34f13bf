import { after, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers.js";
import { runSpecgen, type SuiteGroup } from "./suite/json-schema-suite.js";
import { typeCheckFits, writeFitsFile, type FitsFile } from "./suite/type-fit.js";

/**
 * One verdict, one type, for bare JSON Schema files: each schema below goes through `generate`,
 * each value is first given to the generated `validateX` (which must accept it), then written
 * into a check file as a value of type `X`; all files are type-checked in one strict program,
 * with `isX` required to narrow to exactly `X`. Each row is a way openapi-typescript's OpenAPI
 * reading of a schema refused a value the validator accepts.
 */
const integer = { type: "integer" };
const pair = [integer, { type: "string" }];
const FITS: Array<[what: string, schema: unknown, accepted: unknown[]]> = [
  ["object keywords without type accept non-objects", { properties: { a: integer } }, [12, "x", null, [], {}]],
  ["a weak type accepts objects sharing no member", { type: "object", properties: { a: integer } }, [{ b: 1 }]],
  ["$defs is no required member", { minLength: 2, $defs: { n: integer } }, ["ab", 5, {}]],
  ["a root $ref to its own $defs", { $ref: "#/$defs/n", $defs: { n: integer } }, [1]],
  ["a root that refers to itself", { properties: { next: { $ref: "#" } } }, [{ next: { next: 3 } }, "x"]],
  [
    "a $ref to a member of the root",
    { properties: { foo: integer, bar: { $ref: "#/properties/foo" } } },
    [{ bar: 1 }, { foo: 2, bar: 3 }, true],
  ],
  ["boolean subschemas", { properties: { a: true, b: false }, allOf: [true] }, [{ a: [1] }, 3]],
  ["prefixItems: shorter and longer arrays", { prefixItems: pair }, [[], [1], [1, "a", null]]],
  ["prefixItems with items: false", { prefixItems: pair, items: false }, [[1], [1, "a"]]],
  ["prefixItems with a typed rest", { type: "array", prefixItems: [integer], items: { type: "string" } }, [[1, "a"]]],
  ["const and enum literals", { enum: [1, "x", null, { a: [true] }] }, [1, "x", null, { a: [true] }]],
  ["a const object", { const: { a: [1, 2] } }, [{ a: [1, 2] }]],
  [
    "declared members beside additionalProperties",
    { type: "object", properties: { a: { type: "string" } }, additionalProperties: integer },
    [{ a: "x", b: 1 }],
  ],
  [
    "unevaluatedProperties: false beside dependentSchemas",
    {
      properties: { foo: { type: "string" } },
      dependentSchemas: { foo: { properties: { bar: {} } } },
      unevaluatedProperties: false,
    },
    [{ foo: "x", bar: 1 }],
  ],
  ["patternProperties", { type: "object", patternProperties: { "^x": integer } }, [{ x1: 1, y: "s" }]],
  [
    "an element type named from a root without type",
    { properties: { items: { type: "array", items: { type: "object", properties: { id: integer } } } } },
    [{ items: [{ id: 1 }] }, 5],
  ],
  ["members named like inherited ones", { properties: { toString: { type: "string" }, constructor: integer } }, [{}]],
];

const root = tempDir("specgen-fits-");
after(() => rmSync(root, { recursive: true, force: true }));

/** `generate` for one schema; the check file of the given values, each asserted accepted first. */
async function fitsFor(
  i: number,
  schema: unknown,
  values: unknown[],
  what: string,
): Promise<FitsFile & { name: string }> {
  const tests = values.map((data) => ({ description: JSON.stringify(data), data, valid: true }));
  const group: SuiteGroup = { file: "fits", index: i, description: what, schema, tests };
  const dir = join(root, `g${i}`);
  const run = await runSpecgen(group, dir);
  const why = run.refused ?? run.crashed ?? "the validator refuses a value";
  assert.deepEqual(
    run.verdicts,
    values.map(() => true),
    `${what}: ${why}`,
  );
  return { ...writeFitsFile(dir, tests, run)!, name: run.name! };
}

test("every value validateX accepts fits the type X, and isX narrows to X (bare JSON Schema)", async () => {
  const files: FitsFile[] = [];
  // One after another: generate is not meant to run twice at once in one process.
  for (const [i, [what, schema, values]] of FITS.entries()) files.push(await fitsFor(i, schema, values, what));
  // Control: a value of the wrong type, marked accepted by hand, must be reported: the check can fail.
  const schema = { type: "object", required: ["a"], properties: { a: { type: "string" } } };
  const { name } = await fitsFor(FITS.length, schema, [{ a: "x" }], "control");
  const wrong = [{ data: { a: 1 }, valid: true }];
  files.push(writeFitsFile(join(root, `g${FITS.length}`), wrong, { name, verdicts: [true] })!);
  const misfits = typeCheckFits(files);
  const found = [...misfits].map(([i, list]) => `${FITS[i]?.[0] ?? i}: ${list.map((m) => m.message).join("; ")}`);
  assert.deepEqual([...misfits.keys()], [FITS.length], `only the control may fail:\n${found.join("\n")}`);
  assert.equal(misfits.get(FITS.length)![0]!.case, 0);
});
