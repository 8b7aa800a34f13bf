// A run with nothing to do must stay cheap: it checks the stamp and stops, without loading the
// libraries a real run needs (YAML parser, Redocly, TypeScript, Ajv, the diff library).
import { mock, test } from "node:test";
import assert from "node:assert/strict";
import fs, { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { nothingToDo, settle } from "../generator/settle.js";
import { STAMP_FILE } from "../generator/stamp.js";
import { specgen, tempDir } from "./helpers.js";

const SPEC = `openapi: 3.1.0
info: { title: Pets, version: "1" }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: a pet
          content: { application/json: { schema: { type: object, properties: { name: { type: string } } } } }
`;

/** Files for a loader hook that appends every module URL the process loads to `log`. */
function loadLogger(dir: string, log: string): string {
  const hook = join(dir, "hook.mjs");
  writeFileSync(
    hook,
    `import { appendFileSync } from "node:fs";\n` +
      `export async function load(url, context, next) { ` +
      `appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`,
  );
  const register = join(dir, "register.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  return register;
}

/** `<dir>/project` holding `specs/pets.yaml`, and with `typesOnly` a config that emits types only into `out`. */
function project(dir: string, typesOnly: boolean): string {
  const cwd = join(dir, "project");
  mkdirSync(join(cwd, "specs"), { recursive: true });
  writeFileSync(join(cwd, "specs/pets.yaml"), SPEC);
  if (typesOnly)
    writeFileSync(join(cwd, "specgen.config.json"), `${JSON.stringify({ out: "out", emit: ["types"] })}\n`);
  return cwd;
}

test("a no-op generate checks the stamp without loading commander, js-yaml, Redocly, TypeScript, Ajv or diff", () => {
  const dir = tempDir();
  try {
    const cwd = project(dir, false);
    const first = specgen(["generate"], { cwd });
    assert.equal(first.status, 0, first.stderr);

    const log = join(dir, "loaded.txt");
    const register = loadLogger(dir, log);
    const again = specgen(["generate"], { cwd, env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}` } });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr + again.stdout, /up to date/);
    const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
    assert.ok(
      loaded.some((u) => u.endsWith("/generator/stamp.js")),
      "the hook saw the run's own modules",
    );
    const heavy = loaded.filter((u) =>
      /\/node_modules\/(commander|js-yaml|@redocly|typescript|openapi-typescript|ajv|diff)\//.test(u),
    );
    assert.deepEqual(heavy, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Which command lines take the CLI's quick path (cli.ts, quick.ts: no commander) on an output
 * that is up to date, and that every other one still gets commander's reading of it: its checks,
 * its errors, its help.
 */
const COMMAND_LINES: Array<[string, { args: string[]; quick: boolean; status: number; says: RegExp }]> = [
  ["plain", { args: ["generate"], quick: true, status: 0, says: /out\/ is up to date/ }],
  ["paths and -o", { args: ["generate", "specs", "-o", "out"], quick: true, status: 0, says: /out\/ is up to date/ }],
  ["--out=, --verbose", { args: ["generate", "--out=out", "--verbose"], quick: true, status: 0, says: /up to date/ }],
  ["--check", { args: ["generate", "--check"], quick: false, status: 0, says: /--check: out\/ is up to date/ }],
  ["the config's --emit", { args: ["generate", "--emit", "types"], quick: true, status: 0, says: /up to date/ }],
  ["a bad --emit", { args: ["generate", "--emit", "bogus"], quick: false, status: 2, says: /unknown output kind/ }],
  ["-o without a value", { args: ["generate", "-o"], quick: false, status: 1, says: /argument missing/ }],
  ["an unknown flag", { args: ["generate", "--bogus"], quick: false, status: 1, says: /unknown option/ }],
  ["--help", { args: ["generate", "--help"], quick: false, status: 0, says: /Usage: specgen generate/ }],
  ["another output folder", { args: ["generate", "-o", "other"], quick: false, status: 0, says: /-> \d+ file/ }],
];

test("a no-op generate skips commander only for a plain command line on an up-to-date output", () => {
  const dir = tempDir();
  try {
    // Types only, the quickest full run; no command line below changes out/.
    const cwd = project(dir, true);
    const first = specgen(["generate"], { cwd });
    assert.equal(first.status, 0, first.stderr);
    const register = loadLogger(dir, join(dir, "loaded.txt"));
    for (const [name, want] of COMMAND_LINES) {
      rmSync(join(dir, "loaded.txt"), { force: true });
      const run = specgen(want.args, { cwd, env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}` } });
      const loaded = readFileSync(join(dir, "loaded.txt"), "utf8");
      assert.equal(run.status, want.status, `${name}: ${run.stderr}`);
      assert.match(run.stderr + run.stdout, want.says, name);
      assert.equal(!/\/node_modules\/commander\//.test(loaded), want.quick, `${name}: quick path taken`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a no-op run opens the stamp once: the output folder check hands it to the up-to-date check", () => {
  const dir = tempDir();
  try {
    const cwd = project(dir, true);
    assert.equal(specgen(["generate"], { cwd }).status, 0);
    const stampOpens: string[] = [];
    // Counted through fs itself (its ES module exports resynchronised), as the stamp module imports it.
    const open = fs.openSync;
    mock.method(fs, "openSync", (...args: Parameters<typeof open>) => {
      if (String(args[0]).endsWith(STAMP_FILE)) stampOpens.push(String(args[0]));
      return open(...args);
    });
    syncBuiltinESMExports();
    try {
      assert.equal(nothingToDo(settle({ cwd })), true);
    } finally {
      mock.restoreAll();
      syncBuiltinESMExports();
    }
    assert.equal(stampOpens.length, 1, stampOpens.join("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
