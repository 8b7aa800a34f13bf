import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { hasScheme } from "./load/policy.js";
import { VERSION } from "./version.js";

/**
 * Incremental generation: the output folder keeps a stamp of everything the last run read
 * (spec files, every file they `$ref`, overlays), the effective config and the toolkit's own
 * code. When all of it hashes the same, `generate` has nothing to do and loads neither
 * Redocly nor TypeScript. A run that read a remote document (`--allow-remote-refs`) is never up
 * to date: knowing whether that document changed means fetching it, which is most of the work.
 */
export const STAMP_FILE = ".specgen-stamp.json";

export interface Stamp {
  toolkit: string;
  config: string;
  /** Spec files the run discovered, relative to the working directory. */
  specs: string[];
  /** Every file read, relative to the working directory, with its SHA-256. */
  inputs: Record<string, string>;
  /** The URLs of remote documents read, if any: their contents are not stamped. */
  remote?: string[];
}

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const rel = (cwd: string, path: string) => relative(cwd, path).split(sep).join("/");

let toolkitHash: string | undefined;
/** The toolkit version and the bytes of its compiled code, so a changed generator regenerates. */
function toolkit(): string {
  if (!toolkitHash) {
    const here = dirname(fileURLToPath(import.meta.url));
    const hash = createHash("sha256").update(VERSION);
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith(".js")) hash.update(e.name).update(readFileSync(full));
      }
    };
    walk(here);
    toolkitHash = hash.digest("hex");
  }
  return toolkitHash;
}

/** `inputs`: the paths of the files read, and the URLs of remote documents read. */
export function makeStamp(cwd: string, config: unknown, specs: string[], inputs: Iterable<string>): Stamp {
  const hashes: Record<string, string> = {};
  const remote: string[] = [];
  for (const input of [...new Set(inputs)].sort()) {
    if (hasScheme(input)) remote.push(input);
    else hashes[rel(cwd, input)] = sha(readFileSync(input));
  }
  return { toolkit: toolkit(), config: sha(JSON.stringify(config)), specs: specs.map((s) => rel(cwd, s)).sort(), inputs: hashes, ...(remote.length ? { remote } : {}) };
}

/** True when the output folder was produced from exactly these inputs by this toolkit. */
export function upToDate(out: string, cwd: string, config: unknown, specs: string[]): boolean {
  const file = join(out, STAMP_FILE);
  if (!existsSync(file)) return false;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(file, "utf8")) as Stamp;
  } catch {
    return false;
  }
  if (stamp.toolkit !== toolkit() || stamp.config !== sha(JSON.stringify(config)) || stamp.remote?.length) return false;
  const now = specs.map((s) => rel(cwd, s)).sort();
  if (now.length !== stamp.specs.length || now.some((s, i) => s !== stamp.specs[i])) return false;
  return Object.entries(stamp.inputs).every(([path, hash]) => {
    const abs = resolve(cwd, path);
    return existsSync(abs) && sha(readFileSync(abs)) === hash;
  });
}
