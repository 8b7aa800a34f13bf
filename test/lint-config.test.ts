// Where lint finds its config (issue #16, item 6): the project's `redocly.yaml` in the working
// folder given (`LintOptions.cwd`), or the file `--config` names, else the toolkit's own; paths
// with spaces work for all three, the toolkit's own install folder included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { SpecError } from "../generator/errors.js";
import { lint } from "../generator/lint/index.js";
import { ROOT, tempDir } from "./helpers.js";

/** A small spec without a licence: `recommended` (the toolkit's config) reports `info-license`. */
const API = [
  "openapi: 3.1.0",
  'info: {title: T, version: "1", description: T.}',
  'servers: [{url: "https://t.example"}]',
  "security: []",
  "paths:",
  "  /t:",
  "    get:",
  "      operationId: getT",
  "      summary: T.",
  "      responses:",
  '        "200": {description: ok, content: {application/json: {schema: {type: string}}}}',
  '        "400": {description: bad}',
  "",
].join("\n");

test("lint reads the redocly.yaml of its cwd, or the one --config names, in folders with spaces", async () => {
  const home = tempDir("specgen lint ");
  const dir = join(home, "my project");
  try {
    mkdirSync(join(dir, "lint rules"), { recursive: true });
    writeFileSync(join(dir, "api spec.yaml"), API);
    const rules = async (config?: string) =>
      (await lint(["api spec.yaml"], { cwd: dir, ...(config && { config }) })).problems.map((p) => p.ruleId);
    // No redocly.yaml in the cwd: the toolkit's own config (recommended).
    assert.deepEqual(await rules(), ["info-license"]);
    // The cwd's own redocly.yaml, not the one of the process's working folder (this repository's).
    writeFileSync(join(dir, "redocly.yaml"), "extends: [recommended]\nrules:\n  info-license: off\n");
    assert.deepEqual(await rules(), []);
    // --config, relative to the cwd.
    writeFileSync(join(dir, "lint rules", "strict.yaml"), "extends: [recommended]\nrules:\n  info-license: warn\n");
    assert.deepEqual(await rules("lint rules/strict.yaml"), ["info-license"]);
    // A `__proto__` key (Redocly merges configs by assignment) is refused, naming the file and the key.
    writeFileSync(join(dir, "redocly.yaml"), "rules:\n  info-license: off\n  __proto__: {polluted: true}\n");
    await assert.rejects(
      lint(["api spec.yaml"], { cwd: dir }),
      (e: unknown) =>
        e instanceof SpecError && e.file === join(dir, "redocly.yaml") && e.pointer === "/rules/__proto__",
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test("the toolkit installed in a folder with a space lints with its own config", () => {
  const home = tempDir("specgen toolkit ");
  try {
    // A copy of the built toolkit under a path with spaces, using this repository's dependencies.
    cpSync(join(ROOT, "dist/generator"), join(home, "tool kit/dist/generator"), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(home, "tool kit/package.json"));
    symlinkSync(join(ROOT, "node_modules"), join(home, "tool kit/node_modules"), "dir");
    const project = join(home, "a project");
    mkdirSync(project);
    writeFileSync(join(project, "api.yaml"), API);
    const cli = join(home, "tool kit/dist/generator/cli.js");
    const run = spawnSync(process.execPath, [cli, "lint", "-f", "stylish", "api.yaml"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    // recommended's one finding here, a warning: the config loaded, and nothing failed.
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout + run.stderr, /warning\s+info-license/);
    assert.match(run.stderr, /1 file\(s\) linted: 0 error\(s\), 1 warning\(s\)/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
