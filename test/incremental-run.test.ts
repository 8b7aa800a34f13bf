// An incremental generate (generator/incremental.ts) must write exactly what a forced full run
// of the same inputs writes, stamp included, whatever changed; and it must not read the specs
// whose inputs did not change.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { generate } from "../generator/index.js";
import { documentReads } from "../generator/load/read.js";
import { tempDir } from "./helpers.js";

const op = (path: string, id: string, extra = "") => `  ${path}:
    get:
      operationId: ${id}${extra}
      responses:
        "200":
          description: fine
          content: { application/json: { schema: { type: object, properties: { ok: { type: boolean } } } } }
`;
const spec = (title: string, paths: string) =>
  `openapi: 3.1.0\ninfo: { title: ${title}, version: "1" }\npaths:\n${paths}`;

const A = spec(
  "A",
  `  /a/{id}:
    get:
      operationId: getA
      description: the first text
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: an a
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: { type: string }
                  thing: { $ref: "../shared/thing.yaml#/Thing" }
`,
);
const SHARED = "Thing:\n  type: object\n  properties:\n    name: { type: string }\n";
const RULE = (
  keyword: string,
) => `  - target: $.paths['/a/{id}'].get.responses['200'].content['application/json'].schema.properties.id
    description: a rule
    update: { ${keyword} }
`;
const OVERLAY = `overlay: 1.0.0\ninfo: { title: rules, version: "1" }\nactions:\n${RULE("minLength: 1")}`;
const CONFIG = {
  specs: "specs",
  out: "out",
  overlays: { "specs/a.yaml": ["overlays/a.yaml"] },
  package: { name: "inc", version: "1.0.0", license: "MIT" },
};

/** Writes `files` (path → text) under `dir`. */
function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file under `dir` (relative path → bytes as text), like `diff -r` compares them. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full, "latin1"));
    }
  };
  walk(dir);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

let root: string;
let base: string;
before(async () => {
  root = tempDir();
  base = join(root, "base");
  writeTree(base, {
    "package.json": "{}\n",
    "specgen.config.json": JSON.stringify(CONFIG),
    "specs/a.yaml": A,
    "shared/thing.yaml": SHARED,
    "specs/b.yaml": spec("B", op("/b", "getB")),
    "specs/c.yaml": spec("C", op("/c", "getC")),
    "overlays/a.yaml": OVERLAY,
  });
  const first = await generate({ cwd: base });
  assert.equal(first.written, true, first.warnings.join("\n"));
});
after(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A copy of the base project, its output written by a full run of the base specs. */
function copyOfBase(from = base): string {
  const dir = join(root, `run-${++copies}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * Applies `edit` to a copy of the base project, runs `generate` (incremental when it can be),
 * then a forced full run of the same inputs into another folder, and compares the two folders
 * file by file, the stamp included. Returns the first run's result.
 */
async function editAndCompare(edit: (dir: string) => void, from = base) {
  const dir = copyOfBase(from);
  edit(dir);
  const result = await generate({ cwd: dir });
  assert.equal(result.written, true);
  const full = await generate({ cwd: dir, out: "full", force: true });
  assert.deepEqual(tree(join(dir, "out")), tree(join(dir, "full")));
  assert.deepEqual(result.warnings, full.warnings);
  assert.equal((await generate({ cwd: dir })).upToDate, true, "the next run has nothing to do");
  return result;
}

const replaceIn = (dir: string, file: string, from: string, to: string) => {
  const text = readFileSync(join(dir, file), "utf8");
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(join(dir, file), text.replace(from, to));
};

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
    const project = join(root, `fragments-${++copies}`);
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

/**
 * Changes to the stamp's per-spec part, and how many specs the run then keeps: each must mean a
 * correct run (a full one, or one that trusts nothing tampered), never a crash or a read outside.
 */
const TAMPERED: Array<[string, { tamper: (stamp: any) => void; kept: number | undefined }]> = [
  ["units removed", { tamper: (s) => delete s.units, kept: undefined }],
  ["a unit of the wrong shape", { tamper: (s) => (s.units["specs/b.yaml"].spec.summary = 7), kept: undefined }],
  ["a kind unknown", { tamper: (s) => (s.units["specs/b.yaml"].kind = "sorcery"), kept: undefined }],
  ["warnings of the wrong shape", { tamper: (s) => (s.warnings = [[1, 2, 3]]), kept: undefined }],
  [
    "a summary that no longer matches",
    { tamper: (s) => (s.units["specs/a.yaml"].spec.summary = "0".repeat(64)), kept: undefined },
  ],
  [
    "names that would rename an operation",
    { tamper: (s) => (s.units["specs/b.yaml"].spec.names = ["getA"]), kept: undefined },
  ],
  [
    "an output path outside the folder",
    { tamper: (s) => (s.outputs["../../outside.txt"] = "0".repeat(64)), kept: undefined },
  ],
  // The changed spec's own files are the ones its new run produced: what the stamp said is not used.
  [
    "a changed spec claiming a package file",
    { tamper: (s) => s.units["specs/a.yaml"].spec.outputs.push("package.json"), kept: 2 },
  ],
  // An input the run may not read counts as changed: b is modelled again, from what it really reads.
  [
    "an input outside the root",
    { tamper: (s) => s.units["specs/b.yaml"].inputs.push("../../../../etc/passwd"), kept: 1 },
  ],
];

for (const [name, { tamper, kept }] of TAMPERED) {
  test(`a stamp with ${name}: a correct run`, async () => {
    const result = await editAndCompare((dir) => {
      const file = join(dir, "out/.specgen-stamp.json");
      const stamp = JSON.parse(readFileSync(file, "utf8"));
      tamper(stamp);
      writeFileSync(file, JSON.stringify(stamp));
      replaceIn(dir, "specs/a.yaml", "the first text", "another text");
    });
    assert.equal(result.kept, kept);
  });
}
