// The bench's table and example collection (bench/table.ts, bench/examples.ts): pure functions,
// tested on fixed figures. No timing is measured or asserted here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { responseExamples } from "../bench/examples.js";
import { quickSubset } from "../bench/lint.js";
import { meets, notRun, row, table, type Target } from "../bench/table.js";
import type { SpecModel } from "../generator/model/types.js";

const LE1: Target = { op: "<=", bound: 1, unit: "x" };
const GE3: Target = { op: ">=", bound: 3, unit: "x" };
const LT100: Target = { op: "<", bound: 100, unit: "ms" };

describe("bench table", () => {
  const cases: Array<[string, { value: number; target: Target; want: boolean }]> = [
    ["ratio at the bound passes <=", { value: 1, target: LE1, want: true }],
    ["ratio above the bound fails <=", { value: 1.01, target: LE1, want: false }],
    ["speed-up at the bound passes >=", { value: 3, target: GE3, want: true }],
    ["speed-up below fails >=", { value: 2.9, target: GE3, want: false }],
    ["strict < fails at the bound", { value: 100, target: LT100, want: false }],
    ["strict < passes below", { value: 99.5, target: LT100, want: true }],
  ];
  for (const [name, { value, target, want }] of cases) it(name, () => assert.equal(meets(value, target), want));

  it("a row's pass follows its target; without one it is reported only", () => {
    const base = { item: 1, row: "r", unit: "x", measured: "", anchor: "—" };
    assert.equal(row({ ...base, value: 0.8, target: LE1 }).pass, true);
    assert.equal(row({ ...base, value: 1.2, target: LE1 }).pass, false);
    assert.equal(row({ ...base, value: 1.2 }).pass, undefined);
    assert.equal(row({ ...base, value: Number.NaN, target: LE1 }).pass, undefined);
  });

  it("prints one Markdown table in item order, with marks, units and escaped cells", () => {
    const rows = [
      row({
        item: 5,
        row: "size | min+gz",
        value: 1496,
        unit: "B",
        measured: "",
        anchor: "openapi-fetch 2,671 B",
        target: { op: "<=", bound: 1500, unit: "B" },
      }),
      row({
        item: 1,
        row: "rebilly wall",
        value: 1.513,
        unit: "x",
        measured: "3,480 ms",
        anchor: "openapi-typescript 2,300 ms",
        target: LE1,
      }),
      notRun(1, "DigitalOcean wall", LE1, "not run (--quick)"),
      row({
        item: 4,
        row: "sdk",
        value: 1.57,
        unit: "x",
        measured: "80 ns/doc",
        anchor: "matrix-js-sdk",
        note: "accepted 20 vs 22",
      }),
      notRun(3, "incremental generate", undefined, "failed: exited with 2"),
      row({ item: 3, row: "no-op", value: 99.94, unit: "ms", measured: "", anchor: "—", target: LT100 }),
    ];
    assert.equal(
      table(rows),
      [
        "| # | row | measured | anchor | target | pass |",
        "| --- | --- | --- | --- | --- | --- |",
        "| 1 | rebilly wall | 1.51× (3,480 ms) | openapi-typescript 2,300 ms | ≤ 1× | **FAIL** |",
        "| 1 | DigitalOcean wall | not run (--quick) | — | ≤ 1× | not run |",
        "| 3 | incremental generate | failed: exited with 2 | — | reported | not run |",
        "| 3 | no-op | 99.9 ms | — | < 100 ms | pass |",
        "| 4 | sdk | 1.57× (80 ns/doc; accepted 20 vs 22) | matrix-js-sdk | reported | — |",
        "| 5 | size \\| min+gz | 1,496 B | openapi-fetch 2,671 B | ≤ 1,500 B | pass |",
      ].join("\n"),
    );
  });
});

describe("bench response examples", () => {
  const document = {
    paths: {
      "/a": {
        get: {
          responses: {
            "200": {
              content: {
                "application/json": {
                  schema: {},
                  examples: {
                    one: { value: { n: 1 } },
                    two: { $ref: "#/components/examples/Two" },
                    far: { externalValue: "x.json" },
                  },
                },
              },
            },
            "404": { content: { "application/json": { schema: {}, example: { error: "no" } } } },
          },
        },
      },
      "/b": { get: { responses: { "201": { content: { "application/json": { schema: {}, example: [1] } } } } } },
    },
    components: { examples: { Two: { value: { n: 2 } } } },
  };
  const op = (path: string, statuses: string[], name: string) => ({
    responseTypes: statuses.map((status) => ({ status, name: `${name}${status}` })),
    responses: statuses.map((status) => ({
      status,
      jsonSchemaPointer: `/paths/~1${path}/get/responses/${status}/content/application~1json/schema`,
    })),
  });
  const operations = [op("a", ["200", "404"], "A"), op("b", ["201"], "B")];
  const spec = { document, operations, webhooks: [] } as unknown as SpecModel;

  it("takes 2xx JSON examples, follows local example $refs, skips external values and error responses", () => {
    assert.deepEqual(responseExamples(spec), [
      { name: "A200", value: { n: 1 } },
      { name: "A200", value: { n: 2 } },
      { name: "B201", value: [1] },
    ]);
  });
});

describe("bench --quick inputs", () => {
  const files = Array.from({ length: 72 }, (_, i) => `f${String(i).padStart(2, "0")}.yaml`);

  it("takes every sixth file, in order", () => {
    const some = quickSubset(files);
    assert.equal(some.length, 12);
    assert.deepEqual(some.slice(0, 3), ["f00.yaml", "f06.yaml", "f12.yaml"]);
  });

  it("adds the file a row edits when it is not among them, once", () => {
    assert.deepEqual(quickSubset(files, "f07.yaml").slice(-2), ["f66.yaml", "f07.yaml"]);
    assert.equal(quickSubset(files, "f06.yaml").length, 12);
  });
});
