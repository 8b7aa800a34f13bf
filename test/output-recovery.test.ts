import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, join, sep } from "node:path";
import { specgen } from "./helpers.js";
import { CLI, inTemp, project, STAMP } from "./output-helpers.js";

/**
 * `generate` runs one at a time on an output folder and recovers from runs that died: a held lock
 * is waited for, a dead run's lock and temporary folders are cleared, an undeletable old file does
 * not wedge later runs, and a stamp it reads decides nothing alone. Where it writes:
 * output-safety.test.ts.
 */

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
