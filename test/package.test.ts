import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, relative } from "node:path";
import { CORPUS_CS, LONG_TESTS, ROOT, specgen, tempDir } from "./helpers.js";

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
/** path → contents of every file under a folder. */
const snapshot = (dir: string) => new Map(walk(dir).map((f) => [relative(dir, f), readFileSync(f, "utf8")]));

/** A copy of this project's inputs and output, to run the CLI in without touching the repo. */
function projectCopy(): string {
  const dir = tempDir();
  for (const item of ["specs", "generated", "specgen.config.json", "redocly.yaml"])
    cpSync(join(ROOT, item), join(dir, item), { recursive: true });
  return dir;
}

test("generate --check: 0 when up to date, 1 with a unified diff after a hand edit or a stray file", () => {
  const dir = projectCopy();
  const clean = specgen(["generate", "--check"], { cwd: dir });
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stdout, "");
  appendFileSync(join(dir, "generated/types/index.d.ts"), "export type Hacked = 1;\n");
  writeFileSync(join(dir, "generated/stray.js"), "export {};\n");
  const stale = specgen(["generate", "--check"], { cwd: dir });
  assert.equal(stale.status, 1);
  assert.match(stale.stdout, /^--- a\/types\/index\.d\.ts\n\+\+\+ b\/types\/index\.d\.ts\n/m);
  assert.match(stale.stdout, /^-export type Hacked = 1;$/m);
  assert.match(stale.stdout, /^--- a\/stray\.js\n\+\+\+ \/dev\/null/m);
  assert.match(stale.stderr, /out of date/);
  assert.deepEqual(snapshot(join(dir, "generated")).get("stray.js"), "export {};\n", "--check writes nothing");
});

test("output is byte-identical across runs, time zones and locales, and names no machine or path", () => {
  const a = tempDir();
  const b = tempDir();
  assert.equal(specgen(["generate", "-o", a]).status, 0);
  const other = specgen(["generate", "-o", b], {
    env: { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
  });
  assert.equal(other.status, 0, other.stderr);
  const first = snapshot(a);
  assert.deepEqual(snapshot(b), first);
  assert.deepEqual(snapshot(join(ROOT, "generated")), first, "the committed generated/ is what the specs produce");
  for (const [path, text] of first) {
    assert.ok(!text.includes(ROOT) && !text.includes(a), `${path} holds an absolute path`);
    // Where npm put the toolkit's dependencies is no business of the output (it differs between
    // this checkout and a project that installs specgen).
    assert.ok(!text.includes("node_modules"), `${path} names a node_modules folder`);
    assert.ok(!text.includes(hostname()), `${path} holds the machine name`);
    assert.doesNotMatch(text, /\b20\d\d-\d\d-\d\dT\d\d:/, `${path} holds a timestamp`);
  }
});

test("a run killed at any moment leaves the output folder as it was", async () => {
  const dir = tempDir();
  const out = join(dir, "out");
  assert.equal(specgen(["generate", CORPUS_CS, "-o", out]).status, 0);
  const before = snapshot(out);
  // The corpus run takes about two seconds; kill it at points spread over that time (twice as
  // many under `npm run test:long`).
  const delays = LONG_TESTS ? [150, 400, 700, 1000, 1300, 1600, 1900, 2300] : [150, 700, 1300, 1900];
  for (const delay of delays) {
    const child = spawn(
      process.execPath,
      [join(ROOT, "dist/generator/cli.js"), "generate", "--force", CORPUS_CS, "-o", out],
      { stdio: "ignore" },
    );
    const exited = new Promise((r) => child.on("exit", r));
    await new Promise((r) => setTimeout(r, delay));
    child.kill("SIGKILL");
    await exited;
    if (!existsSync(out)) {
      // Killed between the two renames: the next run puts the old folder back before anything else.
      assert.equal(specgen(["generate", "--check", CORPUS_CS, "-o", out]).status, 0);
    }
    assert.deepEqual(snapshot(out), before, `after a kill at ${delay} ms`);
  }
  assert.equal(specgen(["generate", CORPUS_CS, "-o", out]).status, 0);
  assert.deepEqual(readdirSync(dir), ["out"], "no temporary folders are left behind");
});

test("files of removed specs are removed", () => {
  const dir = projectCopy();
  assert.ok(existsSync(join(dir, "generated/types/client-server/sso_login_redirect.d.ts")));
  spawnSync("rm", [join(dir, "specs/client-server/sso_login_redirect.yaml")]);
  assert.equal(specgen(["generate"], { cwd: dir }).status, 0);
  assert.ok(!existsSync(join(dir, "generated/types/client-server/sso_login_redirect.d.ts")));
  assert.doesNotMatch(readFileSync(join(dir, "generated/types/index.d.ts"), "utf8"), /RedirectToIdP/);
});

test("npm pack of generated/ lists only what a consumer needs", () => {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json"], { cwd: join(ROOT, "generated"), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
  for (const f of files)
    assert.match(
      f,
      /^(package\.json|README\.md|LICENSE|index\.(js|d\.ts)|(types|validators|client)\/.+\.(js|d\.ts))$/,
      f,
    );
  for (const need of ["package.json", "README.md", "LICENSE", "index.js", "index.d.ts", "types/index.d.ts"])
    assert.ok(files.includes(need), need);
  const manifest = JSON.parse(readFileSync(join(ROOT, "generated/package.json"), "utf8"));
  assert.equal(manifest.type, "module");
  assert.equal(manifest.sideEffects, false);
  assert.equal(manifest.version, "1.15.0");
  assert.deepEqual(manifest.exports["./types"], { types: "./types/index.d.ts", default: "./types/index.js" });
});

test("the packed package imports: each validators front finds its Ajv module in the tarball", () => {
  const dir = tempDir();
  const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", dir], {
    cwd: join(ROOT, "generated"),
    encoding: "utf8",
  });
  assert.equal(packed.status, 0, packed.stderr);
  const tarball = join(dir, (JSON.parse(packed.stdout)[0] as { filename: string }).filename);
  const into = join(dir, "node_modules/@specgen/matrix-client-server");
  mkdirSync(into, { recursive: true });
  const untar = spawnSync("tar", ["-xzf", tarball, "-C", into, "--strip-components=1"], { encoding: "utf8" });
  assert.equal(untar.status, 0, untar.stderr);
  assert.ok(existsSync(join(into, "validators/client-server/auth_metadata.ajv.js")), "the Ajv module ships");
  const use = [
    'import { isGetAuthMetadataResponse, isSsoLoginFlow } from "@specgen/matrix-client-server/validators";',
    "console.log(isGetAuthMetadataResponse({}), isSsoLoginFlow({ type: 'm.login.sso' }));",
  ].join("\n");
  writeFileSync(join(dir, "use.mjs"), use);
  const run = spawnSync(process.execPath, ["use.mjs"], { cwd: dir, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "false true");
});
