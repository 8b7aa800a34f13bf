import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, specgen, tempDir, type Run } from "./helpers.js";
import { typecheck } from "./typecheck.js";
import { writeOutput } from "../generator/write/writer.js";

/**
 * What `generate` writes and deletes: only its own output folder, which it replaces only when
 * it wrote it (or it is empty or missing), one run at a time, with every file inside it; a
 * stamp it reads decides nothing alone; the output imports and compiles whatever the spec
 * files are called.
 */

const CLI = join(ROOT, "dist/generator/cli.js");
const STAMP = ".specgen-stamp.json";

/** A temporary folder removed after `fn`, whatever happens. */
async function inTemp(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = tempDir("specgen-out-");
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small project in `dir`: two specs (one a bare JSON Schema) and a config. */
function project(dir: string): string {
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "specs/pets.yaml"), miniSpec("Pet"));
  writeFileSync(join(dir, "specs/tag.yaml"), "$schema: https://json-schema.org/draft/2020-12/schema\ntype: string\n");
  writeFileSync(join(dir, "specgen.config.json"), JSON.stringify({ specs: "specs", out: "generated" }));
  return dir;
}

/** A small OpenAPI spec with one operation and one named schema (`<Name>`). */
function miniSpec(name: string): string {
  return [
    "openapi: 3.1.0",
    `info: { title: ${name}, version: "1" }`,
    "paths:",
    `  /${name.toLowerCase()}:`,
    "    get:",
    `      operationId: get${name}`,
    "      responses:",
    '        "200":',
    "          description: ok",
    "          content:",
    "            application/json:",
    `              schema: { $ref: "#/components/schemas/${name}" }`,
    "components:",
    "  schemas:",
    `    ${name}: { type: object, properties: { id: { type: string } } }`,
    "",
  ].join("\n");
}

/** Every file and folder under `dir`, relative, with the contents of files: what "nothing touched" compares. */
function snapshot(dir: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full).split(sep).join("/");
      if (e.isDirectory()) {
        seen.set(`${rel}/`, "");
        walk(full);
      } else seen.set(rel, e.isFile() ? readFileSync(full, "utf8") : "(other)");
    }
  };
  walk(dir);
  return seen;
}

const refused = (r: Run, pattern: RegExp, what: string) => {
  assert.equal(r.status, 2, `${what}: exit 2\n${r.stderr}`);
  assert.match(r.stderr, pattern, what);
};

test("--out refuses the cwd, its ancestors, the specs, the config, a file, a folder not specgen's", async () => {
  await inTemp((dir) => {
    const cwd = project(join(dir, "proj"));
    mkdirSync(join(cwd, "src"));
    writeFileSync(join(cwd, "src/main.ts"), "export const x = 1;\n");
    writeFileSync(join(cwd, "NOTES.md"), "my notes\n");
    mkdirSync(join(cwd, ".git"));
    writeFileSync(join(cwd, ".git/HEAD"), "ref: refs/heads/main\n");
    mkdirSync(join(dir, "sibling"));
    writeFileSync(join(dir, "sibling/keep.txt"), "another project\n");
    // A stamp copied into the project root does not make the root replaceable.
    writeFileSync(join(cwd, STAMP), JSON.stringify({ toolkit: "x", config: "x", specs: [], inputs: {}, outputs: {} }));
    const before = snapshot(dir);
    const cases: Array<[string[], RegExp]> = [
      [["--out", "."], /is the working directory/],
      [["--out", cwd], /is the working directory/],
      [["--out", ".."], /holds the working directory/],
      [["--out", "src"], /files specgen did not write/],
      [["--out", "specs"], /is specs, an input/],
      [["--out", "specs/pets.yaml"], /is specs\/pets.yaml, an input/],
      [["--out", "NOTES.md"], /is a file/],
      [["--out", "specgen.config.json"], /is specgen.config.json/],
    ];
    for (const [args, pattern] of cases) {
      refused(specgen(["generate", "--force", ...args], { cwd }), pattern, args.join(" "));
      assert.deepEqual(snapshot(dir), before, `${args.join(" ")}: nothing touched`);
    }
  });
});

test("the config's out is checked like --out", async () => {
  await inTemp((dir) => {
    const cwd = project(dir);
    writeFileSync(join(cwd, "NOTES.md"), "my notes\n");
    for (const out of [".", "..", "specs"]) {
      const config = JSON.parse(readFileSync(join(cwd, "specgen.config.json"), "utf8"));
      writeFileSync(join(cwd, "specgen.config.json"), JSON.stringify({ ...config, out }));
      const before = snapshot(dir);
      refused(specgen(["generate"], { cwd }), /the output folder (is|holds)/, `out: ${out}`);
      assert.deepEqual(snapshot(dir), before, `out: ${out}: nothing touched`);
    }
  });
});

test("an empty or missing folder is written, and a folder specgen wrote is replaced", async () => {
  await inTemp((dir) => {
    const cwd = project(dir);
    mkdirSync(join(cwd, "empty"));
    for (const out of ["empty", "new/deeper"]) {
      const r = specgen(["generate", "--out", out], { cwd });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(existsSync(join(cwd, out, STAMP)), out);
    }
  });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

const runAsync = (cwd: string, args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => done({ status, stderr }));
  });

test("two runs on one output folder both end with a complete folder", async () => {
  await inTemp(async (dir) => {
    const cwd = project(dir);
    const runs = await Promise.all([1, 2].map(() => runAsync(cwd, ["generate", "--force"])));
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    for (const f of ["LICENSE", "README.md", STAMP, "index.js", "package.json"]) {
      assert.ok(existsSync(join(cwd, "generated", f)), f);
    }
    const left = readdirSync(cwd).sort();
    assert.deepEqual(left, ["generated", "specgen.config.json", "specs"], "no temporary folder or lock left");
    const check = specgen(["generate", "--check"], { cwd });
    assert.equal(check.status, 0, check.stderr);
  });
});

test("recovery removes only dead runs' temporary folders; a held lock is waited for, a dead one taken", async () => {
  await inTemp(async (dir) => {
    const cwd = project(dir);
    // A live run's temporary folder (this test process owns it) and a dead run's.
    const live = join(cwd, `generated.specgen-tmp-${process.pid}-0123456789abcdef`);
    const dead = join(cwd, `generated.specgen-tmp-${deadPid()}-fedcba9876543210`);
    for (const d of [live, dead]) {
      mkdirSync(d);
      writeFileSync(join(d, "README.md"), "being written\n");
    }
    // The lock of a run that is still writing (this process) is released a little later.
    const lock = join(cwd, "generated.specgen-lock");
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname() }));
    const running = runAsync(cwd, ["generate"]);
    await new Promise((r) => setTimeout(r, 4000));
    assert.ok(!existsSync(join(cwd, "generated")), "waits for the lock");
    unlinkSync(lock);
    const r = await running;
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(live, "README.md")), "a live run's temporary folder is kept");
    assert.ok(!existsSync(dead), "a dead run's temporary folder is removed");
    // A lock left by a dead run does not block.
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: (await import("node:os")).hostname() }));
    const again = specgen(["generate", "--force"], { cwd });
    assert.equal(again.status, 0, again.stderr);
    assert.ok(!existsSync(lock));
  });
});

test("a spec outside the common root writes nothing outside the output folder", async () => {
  await inTemp((dir) => {
    const cwd = join(dir, "work/proj");
    mkdirSync(join(cwd, "specs"), { recursive: true });
    mkdirSync(join(dir, "vendor"));
    writeFileSync(join(cwd, "specs/first.yaml"), miniSpec("First"));
    writeFileSync(join(dir, "vendor/third.yaml"), miniSpec("Third"));
    // Where `client/../../vendor/third.js` would land from the output or its temporary folder.
    mkdirSync(join(cwd, "vendor"));
    writeFileSync(join(cwd, "vendor/third.js"), "user file\n");
    const before = snapshot(dir);
    const r = specgen(["generate", "specs/first.yaml", "../../vendor/third.yaml"], { cwd });
    assert.equal(r.status, 0, r.stderr);
    const after = snapshot(dir);
    for (const [path, contents] of after) {
      if (!path.startsWith("work/proj/generated/")) assert.equal(before.get(path), contents, `${path} untouched`);
    }
    const clientFiles = readdirSync(join(cwd, "generated/client"), { recursive: true }).map(String);
    assert.ok(
      clientFiles.some((f) => /third\.js$/.test(f)),
      clientFiles.join(", "),
    );
    assert.match(r.stderr, /third\.yaml: its output files are named/);
  });
});

test("a stamp naming /dev/zero is not read, and a hand-edited output is regenerated", async () => {
  await inTemp((dir) => {
    const cwd = project(dir);
    assert.equal(specgen(["generate"], { cwd }).status, 0);
    const stampPath = join(cwd, "generated", STAMP);
    const stamp = JSON.parse(readFileSync(stampPath, "utf8"));
    writeFileSync(stampPath, JSON.stringify({ ...stamp, inputs: { ...stamp.inputs, "/dev/zero": "0".repeat(64) } }));
    const r = spawnSync(process.execPath, [CLI, "generate"], { cwd, encoding: "utf8", timeout: 20_000 });
    assert.equal(r.status, 0, `finishes within 20 s: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /up to date/);

    const readme = join(cwd, "generated/README.md");
    const original = readFileSync(readme, "utf8");
    writeFileSync(readme, `${original}edited by hand\n`);
    const again = specgen(["generate"], { cwd });
    assert.equal(again.status, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /up to date/, "an edited output is not up to date");
    assert.equal(readFileSync(readme, "utf8"), original);
  });
});

test("an output folder that is a symlink stays a symlink; its target gets the new output", async () => {
  await inTemp((dir) => {
    const cwd = project(join(dir, "proj"));
    const real = join(dir, "real-out");
    mkdirSync(real);
    symlinkSync(real, join(cwd, "generated"), "dir");
    for (const args of [["generate"], ["generate", "--force"]]) {
      const r = specgen(args, { cwd });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(lstatSync(join(cwd, "generated")).isSymbolicLink(), `${args.join(" ")}: still a symlink`);
      assert.ok(existsSync(join(real, STAMP)) && existsSync(join(real, "LICENSE")));
    }
    assert.deepEqual(readdirSync(dir).sort(), ["proj", "real-out"]);
    symlinkSync(join(dir, "nowhere"), join(cwd, "dangling"));
    refused(specgen(["generate", "--out", "dangling"], { cwd }), /symlink to nothing/, "dangling link");
  });
});

/**
 * Makes `<folder>/file` undeletable (immutable as root, a read-only folder otherwise); returns
 * the undo, which finds the folder wherever the run moved it under `root`, or undefined if impossible.
 */
function pin(root: string, folder: string): (() => void) | undefined {
  const file = join(folder, "file");
  const name = basename(folder);
  const copies = () =>
    readdirSync(root, { recursive: true })
      .map(String)
      .filter((p) => p.endsWith(`${sep}${name}`))
      .map((p) => join(root, p));
  const root0 = process.getuid?.() === 0;
  if (root0 && spawnSync("chattr", ["+i", file]).status !== 0) return undefined;
  if (!root0) chmodSync(folder, 0o555);
  const undo = () => {
    for (const f of copies()) {
      if (root0) spawnSync("chattr", ["-i", join(f, "file")]);
      else chmodSync(f, 0o755);
    }
  };
  try {
    unlinkSync(file);
  } catch {
    return undo;
  }
  undo();
  return undefined;
}

test("a file of the old output that cannot be deleted neither stops the run nor wedges later ones", async (t) => {
  await inTemp((dir) => {
    const cwd = project(dir);
    assert.equal(specgen(["generate"], { cwd }).status, 0);
    mkdirSync(join(cwd, "generated/stuck"));
    writeFileSync(join(cwd, "generated/stuck/file"), "x");
    const undo = pin(cwd, join(cwd, "generated/stuck"));
    if (!undo) return t.skip("no way to make a file undeletable here");
    try {
      for (const round of [1, 2]) {
        const r = specgen(["generate", "--force"], { cwd });
        assert.equal(r.status, 0, `run ${round}: ${r.stderr}`);
        assert.match(r.stderr, /could not delete/);
        const fresh = existsSync(join(cwd, "generated", STAMP)) && !existsSync(join(cwd, "generated/stuck"));
        assert.ok(fresh, `run ${round}: new output in place`);
      }
    } finally {
      undo();
    }
  });
});

test("generate --check after a kill between the two renames restores the output", async () => {
  await inTemp((dir) => {
    const cwd = project(dir);
    assert.equal(specgen(["generate"], { cwd }).status, 0);
    renameSync(join(cwd, "generated"), join(cwd, `generated.specgen-old-${deadPid()}-0123456789abcdef`));
    const r = specgen(["generate", "--check"], { cwd });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /is up to date/);
    assert.deepEqual(readdirSync(cwd).sort(), ["generated", "specgen.config.json", "specs"]);
  });
});

/** Imports the package's root module and type-checks its declarations. */
async function importsAndCompiles(out: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(out, "index.js")).href)) as Record<string, unknown>;
  assert.equal(typeof mod, "object");
  // skipLibCheck stays off: it would skip the generated .d.ts files too.
  assert.deepEqual(typecheck([join(out, "index.d.ts")]), []);
}

test("spec files named index, runtime, pointer, …, with #?% or a line break, or differing in case: it imports", async () => {
  await inTemp(async (dir) => {
    const names = [
      "index",
      "runtime",
      "pointer",
      "helpers",
      "formats",
      "a#b",
      "c?d",
      "%41",
      "line\nbreak",
      "Pets",
      "pets",
    ];
    mkdirSync(join(dir, "specs"));
    names.forEach((n, i) => {
      writeFileSync(join(dir, "specs", `${n}.yaml`), miniSpec(`T${i}`));
    });
    const r = specgen(["generate", "specs"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const out = join(dir, "generated");
    const files = readdirSync(out, { recursive: true }).map((f) => String(f).split(sep).join("/"));
    const lower = files.map((f) => f.toLowerCase());
    assert.equal(new Set(lower).size, lower.length, "no two output paths differ only in case");
    assert.ok(
      files.every((f) => !/[#?%\n]/.test(f)),
      files.join(", "),
    );
    await importsAndCompiles(out);
    const client = (await import(pathToFileURL(join(out, "client/index.js")).href)) as Record<string, unknown>;
    for (let i = 0; i < names.length; i++) assert.equal(typeof client[`getT${i}`], "function", `getT${i}`);
  });
});

test("a spec with no named types generates a package that compiles", async () => {
  await inTemp(async (dir) => {
    mkdirSync(join(dir, "specs"));
    writeFileSync(join(dir, "specs/empty.yaml"), 'openapi: 3.1.0\ninfo: { title: empty, version: "1" }\npaths: {}\n');
    const r = specgen(["generate", "specs"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    await importsAndCompiles(join(dir, "generated"));
  });
});

test("the writer refuses any file path that leaves the output folder, and writes nothing", async () => {
  await inTemp((dir) => {
    for (const path of ["client/../../evil.js", "../evil.js", "/tmp/evil.js", "a//b.js", "./a.js", "a\\..\\evil.js"]) {
      const files = [
        { path: "ok.js", contents: "" },
        { path, contents: "evil" },
      ];
      assert.throws(() => writeOutput(join(dir, "out"), files), /outside the output folder/, path);
      assert.deepEqual(readdirSync(dir), [], `${path}: nothing written`);
    }
  });
});

test("a spec named like another's as-written validators gets its own module", async () => {
  await inTemp((dir) => {
    const cwd = join(dir, "proj");
    mkdirSync(join(cwd, "specs"), { recursive: true });
    writeFileSync(join(cwd, "specs/pet.yaml"), miniSpec("Pet"));
    writeFileSync(join(cwd, "specs/pet.as-written.yaml"), miniSpec("Other"));
    const overlay =
      'overlay: 1.0.0\ninfo: { title: o, version: "1" }\nactions:\n  - target: "$.info"\n    update: { summary: s }\n';
    writeFileSync(join(cwd, "specs/fix.overlay.yaml"), overlay);
    const config = { specs: "specs", overlays: { "specs/pet.yaml": ["specs/fix.overlay.yaml"] } };
    writeFileSync(join(cwd, "specgen.config.json"), JSON.stringify(config));
    const r = specgen(["generate", "specs/pet.yaml", "specs/pet.as-written.yaml"], { cwd });
    assert.equal(r.status, 0, r.stderr);
    const validators = join(cwd, "generated/validators/specs");
    assert.match(readFileSync(join(validators, "pet.as-written.js"), "utf8"), /isGetPetResponse/);
    assert.match(readFileSync(join(validators, "pet.as-written_.js"), "utf8"), /isGetOtherResponse/);
    assert.match(r.stderr, /pet\.as-written\.yaml: its output files are named "specs\/pet\.as-written_"/);
  });
});
