// An incremental generate (generator/incremental.ts) must write exactly what a forced full run
// of the same inputs writes, stamp included, whatever changed; and it must not read the specs
// whose inputs did not change. The runs that must fall back (fragment folders, a failing spec, a
// tampered stamp) are in incremental-fallback.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { generate } from "../generator/index.js";
import { documentReads } from "../generator/load/read.js";
import { specgen } from "./helpers.js";
import { baseProject, CONFIG, op, replaceIn, RULE, spec } from "./incremental-helpers.js";

const { copyOfBase, editAndCompare } = baseProject();

/** Edits, and how many specs the run should keep (undefined: a full run). */
const EDITS: Array<[string, { edit: (dir: string) => void; kept: number | undefined }]> = [
  ["a description", { edit: (d) => replaceIn(d, "specs/a.yaml", "the first text", "another text"), kept: 2 }],
  ["an x- key", { edit: (d) => appendFileSync(join(d, "specs/b.yaml"), "x-edited: 1\n"), kept: 2 }],
  [
    "a $ref'd shared file",
    { edit: (d) => appendFileSync(join(d, "shared/thing.yaml"), "    size: { type: integer }\n"), kept: 2 },
  ],
  [
    "an overlay rule added",
    { edit: (d) => appendFileSync(join(d, "overlays/a.yaml"), RULE("maxLength: 64")), kept: 2 },
  ],
  ["an operation added", { edit: (d) => appendFileSync(join(d, "specs/b.yaml"), op("/b2", "getB2")), kept: undefined }],
  [
    "an operationId onto another spec's",
    { edit: (d) => replaceIn(d, "specs/c.yaml", "getC", "getB"), kept: undefined },
  ],
  [
    "a summary (README)",
    { edit: (d) => replaceIn(d, "specs/c.yaml", "getC", "getC\n      summary: see C"), kept: undefined },
  ],
  [
    "the config",
    {
      edit: (d) => writeFileSync(join(d, "specgen.config.json"), JSON.stringify({ ...CONFIG, cache: ["getB"] })),
      kept: undefined,
    },
  ],
  ["a spec deleted", { edit: (d) => unlinkSync(join(d, "specs/c.yaml")), kept: undefined }],
  [
    "a spec added",
    { edit: (d) => writeFileSync(join(d, "specs/d.yaml"), spec("D", op("/d", "getD"))), kept: undefined },
  ],
  [
    "an output file edited by hand, and a spec",
    {
      edit: (d) => {
        appendFileSync(join(d, "out/client/b.js"), "// edited\n");
        replaceIn(d, "specs/a.yaml", "the first text", "another text");
      },
      kept: undefined,
    },
  ],
  [
    "an output file made a symlink, and a spec",
    {
      edit: (d) => {
        cpSync(join(d, "out/types/b.d.ts"), join(d, "elsewhere.d.ts"));
        unlinkSync(join(d, "out/types/b.d.ts"));
        symlinkSync(join(d, "elsewhere.d.ts"), join(d, "out/types/b.d.ts"));
        replaceIn(d, "specs/a.yaml", "the first text", "another text");
      },
      kept: undefined,
    },
  ],
];

for (const [name, { edit, kept }] of EDITS) {
  test(`incremental run after ${name}: the same output as a forced full run`, async () => {
    const result = await editAndCompare(edit);
    assert.equal(result.kept, kept, kept === undefined ? "a full run" : `${kept} specs kept`);
  });
}

test("an incremental run does not read the specs whose inputs did not change", async () => {
  const dir = copyOfBase();
  replaceIn(dir, "specs/a.yaml", "the first text", "another text");
  const read: string[] = [];
  documentReads.observe = (path) => read.push(relative(dir, path));
  try {
    const result = await generate({ cwd: dir });
    assert.equal(result.kept, 2);
  } finally {
    delete documentReads.observe;
  }
  assert.ok(read.includes(join("specs", "a.yaml")), read.join(", "));
  assert.deepEqual(
    read.filter((p) => /[bc]\.yaml$/.test(p)),
    [],
    "b.yaml and c.yaml are hashed, never parsed",
  );
});

test("an incremental run judges its regexes on the judge's worker: no synchronous recheck call", async () => {
  const dir = copyOfBase();
  // A regex added (a full run, in a process of its own: this one has no verdict on it), then an
  // edit that keeps every summary (an incremental run, which judges the regex again).
  replaceIn(dir, "specs/b.yaml", "ok: { type: boolean }", 'ok: { type: string, pattern: "^q*q*$" }');
  assert.equal(specgen(["generate"], { cwd: dir }).status, 0);
  appendFileSync(join(dir, "specs/b.yaml"), "x-edited: 1\n");
  // recheck's own switch: an unknown synchronous backend makes a synchronous call throw.
  process.env.RECHECK_SYNC_BACKEND = "none";
  try {
    const result = await generate({ cwd: dir });
    assert.equal(result.kept, 2, "an incremental run");
    assert.ok(
      result.warnings.some((w) => w.includes('"^q*q*$" may backtrack catastrophically')),
      result.warnings.join("\n"),
    );
  } finally {
    delete process.env.RECHECK_SYNC_BACKEND;
  }
});
