import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { GeneratedFile } from "../emit/file.js";

/**
 * The only code that writes generated files. Everything goes to a temporary folder beside
 * the output folder, which replaces the old one in two renames once every file is written:
 * a failure or a kill before that leaves the old output untouched.
 */
export function writeOutput(outDir: string, files: readonly GeneratedFile[]): void {
  const out = resolve(outDir);
  const stamp = `${process.pid}`;
  const temp = `${out}.specgen-tmp-${stamp}`;
  const old = `${out}.specgen-old-${stamp}`;
  recover(out);
  rmSync(temp, { recursive: true, force: true });
  try {
    for (const file of files) {
      const target = join(temp, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    mkdirSync(temp, { recursive: true });
    if (existsSync(out)) renameSync(out, old);
    renameSync(temp, out);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(out) && existsSync(old)) renameSync(old, out);
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Cleans up after a killed run: a temporary folder it was filling is dropped, and an old
 * output folder it had moved aside (killed between the two renames) is put back.
 */
function recover(out: string): void {
  const dir = dirname(out);
  const base = out.slice(dir.length + 1);
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name.startsWith(`${base}.specgen-tmp-`)) rmSync(join(dir, name), { recursive: true, force: true });
    else if (name.startsWith(`${base}.specgen-old-`)) {
      if (existsSync(out)) rmSync(join(dir, name), { recursive: true, force: true });
      else renameSync(join(dir, name), out);
    }
  }
}
