// An incremental generate (generator/incremental.ts) where it cannot simply keep the unchanged
// specs: folders holding more than OpenAPI documents, a changed spec that fails, and a stamp
// tampered with. Each must give what a forced full run gives (or report what it reports).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../generator/index.js";
import { baseProject, CONFIG, op, replaceIn, SHARED, spec, tree, writeTree } from "./incremental-helpers.js";

const { copyOfBase, editAndCompare, freshDir } = baseProject();

const OK_SCHEMA = "{ type: object, properties: { ok: { type: boolean } } }";
const B_WITH_X = `${spec("B", op("/b", "getB"))}components:\n  schemas:\n    X: { type: string }\n`;

/**
 * Folders holding more than OpenAPI documents and overlays: a full run, since the specs' refs
 * decide which files are fragments of others (load/fragments.ts), and so which files are specs.
 */
const FRAGMENT_CASES: Array<[string, { files: Record<string, string>; from: string; to: string }]> = [
  [
    "a JSON Schema file referenced through a pointer only",
    {
      files: {
        "specs/a.yaml": spec("A", op("/a", "getA").replace(OK_SCHEMA, '{ $ref: "./s.yaml" }')),
        "specs/s.yaml": "type: object\nproperties:\n  n: { type: integer }\n",
      },
      from: '"./s.yaml"',
      to: '"./s.yaml#/properties/n"',
    },
  ],
  [
    "an OpenAPI file referenced through a pointer only, beside a shared file",
    {
      files: {
        "specs/a.yaml": spec("A", op("/a", "getA")),
        "specs/b.yaml": B_WITH_X,
        "specs/defs.yaml": SHARED,
      },
      from: "paths:",
      to: 'x-see: { $ref: "./b.yaml#/components/schemas/X" }\npaths:',
    },
  ],
];

for (const [name, { files, from, to }] of FRAGMENT_CASES) {
  test(`a folder with ${name}: a full run, the same output`, async () => {
    const project = freshDir("fragments");
    writeTree(project, {
      "package.json": "{}\n",
      "specgen.config.json": JSON.stringify({ ...CONFIG, overlays: {} }),
      ...files,
    });
    assert.equal((await generate({ cwd: project })).written, true);
    const result = await editAndCompare((d) => replaceIn(d, "specs/a.yaml", from, to), project);
    assert.equal(result.kept, undefined);
  });
}

test("a changed spec that fails: reported as a full run reports it, nothing written", async () => {
  const dir = copyOfBase();
  const before = tree(join(dir, "out"));
  const edit = (extra: string) => replaceIn(dir, "specs/b.yaml", "operationId: getB", `operationId: getB\n${extra}`);
  edit("      parameters: [{ name: q, in: nowhere }]");
  const result = await generate({ cwd: dir });
  assert.equal(result.written, false);
  assert.ok(result.problems.length > 0);
  assert.ok(result.problems.every((p) => p.location[0]?.source.absoluteRef.endsWith("b.yaml")));
  edit("      operationId: again");
  await assert.rejects(generate({ cwd: dir }), (err: Error & { file?: string }) => /b\.yaml$/.test(err.file ?? ""));
  assert.deepEqual(tree(join(dir, "out")), before);
});

/** The parts of a stamp (generator/stamp.ts, stamp-units.ts) the rows below touch, as JSON.parse gives them. */
interface StampUnit {
  kind: string;
  inputs: string[];
  spec: { summary: unknown; names: string[]; outputs: string[] };
}
interface Stamp {
  units?: Record<string, StampUnit>;
  warnings: unknown;
  outputs: Record<string, string>;
}

/** The stamp's unit for `file`, which the base project's stamp has. */
function unit(stamp: Stamp, file: string): StampUnit {
  const found = stamp.units?.[file];
  assert.ok(found, `the stamp has a unit for ${file}`);
  return found;
}

/**
 * Changes to the stamp's per-spec part, and how many specs the run then keeps: each must mean a
 * correct run (a full one, or one that trusts nothing tampered), never a crash or a read outside.
 */
const TAMPERED: Array<[string, { tamper: (stamp: Stamp) => void; kept: number | undefined }]> = [
  ["units removed", { tamper: (s) => delete s.units, kept: undefined }],
  ["a unit of the wrong shape", { tamper: (s) => (unit(s, "specs/b.yaml").spec.summary = 7), kept: undefined }],
  ["a kind unknown", { tamper: (s) => (unit(s, "specs/b.yaml").kind = "sorcery"), kept: undefined }],
  ["warnings of the wrong shape", { tamper: (s) => (s.warnings = [[1, 2, 3]]), kept: undefined }],
  [
    "a summary that no longer matches",
    { tamper: (s) => (unit(s, "specs/a.yaml").spec.summary = "0".repeat(64)), kept: undefined },
  ],
  [
    "names that would rename an operation",
    { tamper: (s) => (unit(s, "specs/b.yaml").spec.names = ["getA"]), kept: undefined },
  ],
  [
    "an output path outside the folder",
    { tamper: (s) => (s.outputs["../../outside.txt"] = "0".repeat(64)), kept: undefined },
  ],
  // The changed spec's own files are the ones its new run produced: what the stamp said is not used.
  [
    "a changed spec claiming a package file",
    { tamper: (s) => unit(s, "specs/a.yaml").spec.outputs.push("package.json"), kept: 2 },
  ],
  // An input the run may not read counts as changed: b is modelled again, from what it really reads.
  [
    "an input outside the root",
    { tamper: (s) => unit(s, "specs/b.yaml").inputs.push("../../../../etc/passwd"), kept: 1 },
  ],
];

for (const [name, { tamper, kept }] of TAMPERED) {
  test(`a stamp with ${name}: a correct run`, async () => {
    const result = await editAndCompare((dir) => {
      const file = join(dir, "out/.specgen-stamp.json");
      const stamp = JSON.parse(readFileSync(file, "utf8")) as Stamp;
      tamper(stamp);
      writeFileSync(file, JSON.stringify(stamp));
      replaceIn(dir, "specs/a.yaml", "the first text", "another text");
    });
    assert.equal(result.kept, kept);
  });
}
