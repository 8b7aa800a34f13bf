import { readdirSync, statSync, type Stats } from "node:fs";
import { join, resolve } from "node:path";
import { SpecError } from "../errors.js";

const SPEC_EXTENSIONS = /\.(ya?ml|json)$/i;

/**
 * Tool files a project keeps beside its specs (`specgen lint .` at a repository root), which a
 * folder walk leaves out; a file named on the command line is always read.
 */
const TOOL_FILES = new RegExp(
  `^(${[
    "package(-lock)?\\.json",
    "npm-shrinkwrap\\.json",
    "pnpm-lock\\.yaml",
    "pnpm-workspace\\.yaml",
    "[jt]sconfig(\\..+)?\\.json",
    "redocly\\.ya?ml",
    "specgen\\.config\\.json",
    "lerna\\.json",
    "nx\\.json",
    "turbo\\.json",
    "renovate\\.json",
    "biome\\.json",
    "deno\\.json",
    "docker-compose\\.ya?ml",
    "compose\\.ya?ml",
  ].join("|")})$`,
  "i",
);

/**
 * Expands the paths given on the command line into spec files: directories are walked
 * (dot-folders, node_modules and tool files such as package.json skipped), files are taken as given. The result is
 * sorted by
 * code unit, never by locale, so every machine sees the same order.
 */
export function discoverSpecFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const found = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat: Stats;
    try {
      stat = statSync(abs);
    } catch {
      throw new SpecError("no such file or directory", p);
    }
    if (stat.isDirectory()) walk(abs, found);
    else found.add(abs);
  }
  return [...found].sort(byCodeUnit);
}

function walk(dir: string, found: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.isFile() && SPEC_EXTENSIONS.test(entry.name) && !TOOL_FILES.test(entry.name)) found.add(full);
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
