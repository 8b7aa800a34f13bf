// Shared setup of the incremental-generate tests (incremental-run.test.ts and
// incremental-fallback.test.ts): a small project of three specs, a $ref'd shared file and an
// overlay, generated once, then copied and edited by each test.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { generate } from "../generator/index.js";
import { tempDir } from "./helpers.js";

export const op = (path: string, id: string, extra = "") => `  ${path}:
    get:
      operationId: ${id}${extra}
      responses:
        "200":
          description: fine
          content: { application/json: { schema: { type: object, properties: { ok: { type: boolean } } } } }
`;
export const spec = (title: string, paths: string) =>
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
export const SHARED = "Thing:\n  type: object\n  properties:\n    name: { type: string }\n";
export const RULE = (
  keyword: string,
) => `  - target: $.paths['/a/{id}'].get.responses['200'].content['application/json'].schema.properties.id
    description: a rule
    update: { ${keyword} }
`;
const OVERLAY = `overlay: 1.0.0\ninfo: { title: rules, version: "1" }\nactions:\n${RULE("minLength: 1")}`;
export const CONFIG = {
  specs: "specs",
  out: "out",
  overlays: { "specs/a.yaml": ["overlays/a.yaml"] },
  package: { name: "inc", version: "1.0.0", license: "MIT" },
};

/** Writes `files` (path → text) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file under `dir` (relative path → bytes as text), like `diff -r` compares them. */
export function tree(dir: string): Map<string, string> {
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

export const replaceIn = (dir: string, file: string, from: string, to: string) => {
  const text = readFileSync(join(dir, file), "utf8");
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(join(dir, file), text.replace(from, to));
};

type Result = Awaited<ReturnType<typeof generate>>;

/** The base project of a test file, set up by its `before` hook and removed by its `after` hook. */
export interface BaseProject {
  /** A new, unused folder name under the test file's temporary root. */
  freshDir(prefix: string): string;
  /** A copy of the base project (or of `from`), its output written by a full run of its specs. */
  copyOfBase(from?: string): string;
  /**
   * Applies `edit` to a copy of the base project (or of `from`), runs `generate` (incremental when
   * it can be), then a forced full run of the same inputs into another folder, and compares the two
   * folders file by file, the stamp included. Returns the first run's result.
   */
  editAndCompare(edit: (dir: string) => void, from?: string): Promise<Result>;
}

/** Registers the hooks that write the base project (and generate it once) and remove it after. */
export function baseProject(): BaseProject {
  let root = "";
  let base = "";
  let copies = 0;
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
  const freshDir = (prefix: string) => join(root, `${prefix}-${++copies}`);
  const copyOfBase = (from = base) => {
    const dir = freshDir("run");
    cpSync(from, dir, { recursive: true });
    return dir;
  };
  const editAndCompare = async (edit: (dir: string) => void, from = base) => {
    const dir = copyOfBase(from);
    edit(dir);
    const result = await generate({ cwd: dir });
    assert.equal(result.written, true);
    const full = await generate({ cwd: dir, out: "full", force: true });
    assert.deepEqual(tree(join(dir, "out")), tree(join(dir, "full")));
    assert.deepEqual(result.warnings, full.warnings);
    assert.equal((await generate({ cwd: dir })).upToDate, true, "the next run has nothing to do");
    return result;
  };
  return { freshDir, copyOfBase, editAndCompare };
}
