// A run with nothing to do must stay cheap: it checks the stamp and stops, without loading the
// libraries a real run needs (YAML parser, Redocly, TypeScript, Ajv, the diff library).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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
      `export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`,
  );
  const register = join(dir, "register.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  return register;
}

test("a no-op generate checks the stamp without loading js-yaml, Redocly, TypeScript, Ajv or the diff library", () => {
  const dir = tempDir();
  try {
    const cwd = join(dir, "project");
    mkdirSync(join(cwd, "specs"), { recursive: true });
    writeFileSync(join(cwd, "specs/pets.yaml"), SPEC);
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
      /\/node_modules\/(js-yaml|@redocly|typescript|openapi-typescript|ajv|diff)\//.test(u),
    );
    assert.deepEqual(heavy, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
