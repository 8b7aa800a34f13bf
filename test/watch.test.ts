import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "./helpers.js";

const SPEC = `openapi: 3.1.0
info: { title: W, version: "1" }
paths:
  /part:
    get:
      operationId: getPart
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "../shared/part.yaml" }
`;
const part = (property: string) => `type: object\nproperties:\n  ${property}: { type: string }\n`;

/** Polls `check` every 100 ms until it holds or `ms` pass. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (check()) return true;
  return check();
}

test("generate --watch regenerates when an editor atomically saves a $ref'd file outside specs/", async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, "package.json"), "{}");
    mkdirSync(join(dir, "specs"));
    mkdirSync(join(dir, "shared"));
    writeFileSync(join(dir, "specs/api.yaml"), SPEC);
    writeFileSync(join(dir, "shared/part.yaml"), part("first"));
    const watcher = spawn(
      process.execPath,
      [join(ROOT, "dist/generator/cli.js"), "generate", "--watch", "--emit", "types"],
      { cwd: dir },
    );
    let log = "";
    watcher.stderr.on("data", (d: Buffer) => (log += d.toString()));
    try {
      const types = join(dir, "generated/types/api.d.ts");
      assert.ok(await until(() => log.includes("watching"), 60_000), log);
      assert.match(readFileSync(types, "utf8"), /first\?: string/);
      // An atomic save: the new text is written beside the file, then renamed over it.
      writeFileSync(join(dir, "shared/part.yaml.swp"), part("second"));
      renameSync(join(dir, "shared/part.yaml.swp"), join(dir, "shared/part.yaml"));
      assert.ok(
        await until(() => existsSync(types) && /second\?: string/.test(readFileSync(types, "utf8")), 60_000),
        log,
      );
      // And again: the watch survived the rename.
      writeFileSync(join(dir, "shared/part.yaml.swp"), part("third"));
      renameSync(join(dir, "shared/part.yaml.swp"), join(dir, "shared/part.yaml"));
      assert.ok(
        await until(() => existsSync(types) && /third\?: string/.test(readFileSync(types, "utf8")), 60_000),
        log,
      );
    } finally {
      watcher.kill();
      await new Promise((r) => watcher.once("exit", r));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
