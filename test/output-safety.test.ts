import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { specgen } from "./helpers.js";
import { typecheck } from "./typecheck.js";
import { writeOutput } from "../generator/write/writer.js";
import { inTemp, miniSpec, project, refused, snapshot, STAMP } from "./output-helpers.js";

/**
 * Where `generate` writes: only its own output folder, which it replaces only when it wrote it (or
 * it is empty or missing), with every file inside it; the output imports and compiles whatever the
 * spec files are called. Concurrent runs, locks and recovery: output-recovery.test.ts.
 */

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
/** Imports the package's root module and type-checks its declarations. */
async function importsAndCompiles(out: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(out, "index.js")).href)) as Record<string, unknown>;
  assert.equal(typeof mod, "object");
  // skipLibCheck stays off: it would skip the generated .d.ts files too.
  assert.deepEqual(typecheck([join(out, "index.d.ts")]), []);
}

test("spec files named index, runtime, …, with #?% or a line break, or differing in case: imports", async () => {
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
