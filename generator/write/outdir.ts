import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { SpecError } from "../errors.js";
import { STAMP_FILE, readStampFile, type Stamp } from "../stamp.js";

/**
 * Which folder `generate` may replace. The output folder is deleted and rebuilt on every run,
 * so it must be one specgen wrote (its stamp says so), an empty one or a missing one; never the
 * working directory, a folder holding it, a folder holding the specs or the config, nor a file.
 * The stamp alone is not trusted for the first group: a stamp copied into a project root must
 * not make `--out .` delete the project.
 */

/** `p` with every symlink resolved; the part that does not exist (yet) is kept as written. */
function realPath(p: string): string {
  const rest: string[] = [];
  for (let head = resolve(p); ; head = dirname(head)) {
    try {
      return join(realpathSync(head), ...rest.reverse());
    } catch {
      if (dirname(head) === head) return resolve(p);
      rest.push(basename(head));
    }
  }
}

/** Whether `path` is `dir` or lies inside it. */
export function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (rel.split(sep)[0] !== ".." && !isAbsolute(rel));
}

/**
 * The folder the output really is. A symlink to a folder is kept: its target is what gets
 * replaced (the temporary folder is made beside the target, so the swap stays one rename and
 * the link keeps pointing at the new output). A link to anything else, or to nothing, is refused.
 */
export function outTarget(out: string): string {
  const abs = resolve(out);
  let link: Stats;
  try {
    link = lstatSync(abs);
  } catch {
    return realPath(abs);
  }
  if (!link.isSymbolicLink()) return realPath(abs);
  let target: Stats;
  try {
    target = statSync(abs);
  } catch {
    throw new SpecError("the output folder is a symlink to nothing; point it at a folder or remove it", abs);
  }
  if (!target.isDirectory()) {
    throw new SpecError("the output folder is a symlink to a file, not a folder; refusing to replace it", abs);
  }
  return realpathSync(abs);
}

/**
 * Refuses an output folder that holds (or is) something the run must never delete: the
 * working directory and its ancestors, and every path in `protect` (the specs, their folders,
 * overlays, the config). Judged on real paths, so a symlink cannot hide the working directory.
 */
export function assertOutAllowed(out: string, cwd: string, protect: readonly string[]): void {
  const target = outTarget(out);
  const home = realPath(cwd);
  if (within(target, home)) {
    const what = target === home ? "is the working directory" : "holds the working directory";
    const why = "generate replaces its output folder as a whole, so it must be a folder of its own (--out generated)";
    throw new SpecError(`the output folder ${what}; ${why}`, out);
  }
  for (const p of protect) {
    const input = realPath(p);
    if (within(target, input)) {
      const what = `${input === target ? "is" : "holds"} ${relative(home, resolve(p)) || p}`;
      const why = "generate replaces its output folder as a whole (pick a folder of its own)";
      throw new SpecError(`the output folder ${what}, an input of this run; ${why}`, out);
    }
  }
}

/**
 * Refuses to replace anything but a missing folder, an empty one, or one holding a valid
 * specgen stamp (`target` is a real path, see {@link outTarget}). Returns that stamp, so a
 * caller that checks it next (a no-op run) does not read and parse it a second time.
 */
export function assertReplaceable(target: string): Stamp | undefined {
  let stat: Stats;
  try {
    stat = lstatSync(target);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) {
    throw new SpecError("the output folder is a file, not a folder; refusing to replace it (pick a folder)", target);
  }
  if (readdirSync(target).length === 0) return undefined;
  const stamp = readStampFile(join(target, STAMP_FILE));
  if (stamp !== undefined) return stamp;
  const what = `the output folder holds files specgen did not write (it has no valid ${STAMP_FILE})`;
  throw new SpecError(`${what}; refusing to replace it: pick a new or empty folder, or delete it yourself`, target);
}
