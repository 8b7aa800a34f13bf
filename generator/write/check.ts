import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { GeneratedFile } from "../emit/file.js";

/**
 * Compares an output folder with what the specs produce now (for `generate --check`).
 * Returns a unified diff from the folder's content to the expected content; empty when equal.
 */
export function diffOutput(outDir: string, files: readonly GeneratedFile[]): string {
  const onDisk = new Map<string, string>();
  for (const path of existsSync(outDir) ? walk(outDir) : []) {
    onDisk.set(relative(outDir, path).split(sep).join("/"), readFileSync(path, "utf8"));
  }
  const patches: string[] = [];
  for (const file of files) {
    const current = onDisk.get(file.path);
    onDisk.delete(file.path);
    if (current !== file.contents) {
      patches.push(
        createTwoFilesPatch(
          current === undefined ? "/dev/null" : `a/${file.path}`,
          `b/${file.path}`,
          current ?? "",
          file.contents,
        ),
      );
    }
  }
  for (const [path, contents] of [...onDisk].sort(([a], [b]) => (a < b ? -1 : 1))) {
    patches.push(createTwoFilesPatch(`a/${path}`, "/dev/null", contents, ""));
  }
  return patches.join("");
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? walk(full) : e.isFile() ? [full] : [];
  });
}
