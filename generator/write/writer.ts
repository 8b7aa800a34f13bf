import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import type { GeneratedFile } from "../emit/file.js";
import { SpecError } from "../errors.js";
import { plainRelativePath } from "../stamp.js";
import { assertOutAllowed, assertReplaceable, outTarget, within } from "./outdir.js";

/**
 * The only code that writes generated files. Everything goes to a temporary folder beside
 * the output folder, which replaces the old one in two renames once every file is written:
 * a failure or a kill before that leaves the old output untouched.
 *
 * Runs on one output folder take turns: a lock file beside it (`<out>.specgen-lock`, created
 * with O_EXCL, holding the owner's pid and host) is held from the clean-up of earlier runs'
 * leftovers to the last rename. Temporary names carry the owner's pid and a random suffix, so
 * no run can guess, reuse or delete another live run's folder. Written by hand: the lock needs
 * only `open(O_EXCL)` and a liveness check, less than a dependency would bring.
 */

export interface WriteOptions {
  /** The working directory and the paths the output may never hold (see outdir.ts). */
  cwd?: string;
  protect?: readonly string[];
}

/** How long a run waits for another run on the same output folder to finish writing. */
const LOCK_WAIT_MS = 60_000;
/** A lock file without a readable owner is a run that died while creating it, once this old. */
const UNOWNED_LOCK_MS = 10_000;

/** Writes `files` as the output folder; returns warnings (leftovers it could not delete). */
export function writeOutput(outDir: string, files: readonly GeneratedFile[], options: WriteOptions = {}): string[] {
  if (options.cwd !== undefined) assertOutAllowed(outDir, options.cwd, options.protect ?? []);
  const out = outTarget(outDir);
  mkdirSync(dirname(out), { recursive: true });
  const warnings: string[] = [];
  withLock(out, () => {
    recover(out, warnings);
    assertReplaceable(out);
    const own = `${process.pid}-${randomBytes(8).toString("hex")}`;
    const temp = `${out}.specgen-tmp-${own}`;
    const old = `${out}.specgen-old-${own}`;
    try {
      mkdirSync(temp);
      for (const file of files) {
        const target = insideOut(temp, file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.contents, { flag: "wx" });
      }
      if (existsSync(out)) renameSync(out, old);
      renameSync(temp, out);
    } catch (err) {
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(out) && existsSync(old)) renameSync(old, out);
      throw err;
    }
    discard(old, out, warnings);
  });
  return warnings;
}

/**
 * Puts back an output folder a killed run had moved aside (for `--check`, which reports on the
 * folder as it is). Takes the lock only when there is something to repair.
 */
export function recoverOutput(outDir: string): string[] {
  const out = outTarget(outDir);
  const warnings: string[] = [];
  if (leftovers(out).length) withLock(out, () => recover(out, warnings));
  return warnings;
}

/**
 * The absolute path of a generated file inside the temporary folder. Every path an emitter
 * produced passes here, so however a name was made, nothing is written outside the output.
 */
function insideOut(temp: string, path: string): string {
  const target = resolve(temp, path);
  if (!plainRelativePath(path) || !within(temp, target) || target === temp) {
    throw new SpecError("refusing to write a generated file outside the output folder", JSON.stringify(path));
  }
  return target;
}

interface Leftover {
  path: string;
  kind: "tmp" | "old" | "trash";
  pid: number;
}

/** Folders earlier runs left beside `out`: `<out>.specgen-<kind>-<pid>[-<hex>]`. */
function leftovers(out: string): Leftover[] {
  const dir = dirname(out);
  const prefix = `${out.slice(dir.length + 1)}.specgen-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const m = name.startsWith(prefix) ? /^(tmp|old|trash)-(\d+)(?:-[0-9a-f]+)?$/.exec(name.slice(prefix.length)) : null;
    return m ? [{ path: join(dir, name), kind: m[1] as Leftover["kind"], pid: Number(m[2]) }] : [];
  });
}

/**
 * Cleans up after killed runs (called under the lock): their temporary folders are dropped and
 * an output folder one had moved aside (killed between the two renames) is put back. A folder
 * whose owner is still running is left alone (an older specgen that takes no lock).
 */
function recover(out: string, warnings: string[]): void {
  for (const left of leftovers(out).filter((l) => l.pid === process.pid || !alive(l.pid))) {
    if (left.kind === "old" && !existsSync(out)) renameSync(left.path, out);
    else discard(left.path, out, warnings);
  }
}

/**
 * Deletes a folder the run no longer needs. One that cannot be deleted (a file in it the user
 * may not remove) must not stop this run or any later one: the output is already in place, so
 * it is renamed to a `trash` name, which later runs only try to delete again, and reported.
 */
function discard(path: string, out: string, warnings: string[]): void {
  try {
    rmSync(path, { recursive: true, force: true });
    return;
  } catch (err) {
    let left = path;
    if (!/\.specgen-trash-/.test(path)) {
      const trash = `${out}.specgen-trash-${process.pid}-${randomBytes(8).toString("hex")}`;
      try {
        renameSync(path, trash);
        left = trash;
      } catch {
        // Left under its name; the next run tries again.
      }
    }
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    const name = relative(process.cwd(), left) || left;
    warnings.push(`could not delete ${name} (${why}); the new output is in place, delete it by hand`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Runs `fn` holding `<out>.specgen-lock`; waits for a live owner, takes over from a dead one. */
function withLock(out: string, fn: () => void): void {
  const lock = `${out}.specgen-lock`;
  const owner = JSON.stringify({ pid: process.pid, host: hostname() });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      try {
        writeFileSync(fd, owner);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = lockHolder(lock);
    if (holder === "gone") continue;
    if (holder === "stale") {
      // Two runs may both find the same dead owner; the one whose unlink comes second may then
      // remove the other's fresh lock. That needs a crash and two runs within one poll; accepted.
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      const message = `another specgen run (${holder}) is writing this output folder; if none is, delete ${lock}`;
      throw new SpecError(message, out);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  try {
    fn();
  } finally {
    try {
      if (readFileSync(lock, "utf8") === owner) unlinkSync(lock);
    } catch {
      // Already gone.
    }
  }
}

/** Who holds a lock (for the message), "stale" when its owner is dead, "gone" when it was just released. */
function lockHolder(lock: string): string {
  let text: string;
  let age: number;
  try {
    text = readFileSync(lock, "utf8");
    age = Date.now() - statSync(lock).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw err;
  }
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(text) as { pid?: unknown; host?: unknown };
  } catch {
    return age > UNOWNED_LOCK_MS ? "stale" : "starting";
  }
  if (typeof holder.pid !== "number" || typeof holder.host !== "string") {
    return age > UNOWNED_LOCK_MS ? "stale" : "starting";
  }
  if (holder.host === hostname() && !alive(holder.pid)) return "stale";
  return `pid ${holder.pid} on ${holder.host}`;
}
