import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, readdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratedFile } from "./emit/file.js";
import { hasScheme } from "./load/policy.js";
import type { KindedWarning } from "./model/modules.js";
import type { StampedUnit } from "./stamp-units.js";
import { VERSION } from "./version.js";

/**
 * Incremental generation: the output folder keeps a stamp of everything the last run read
 * (spec files, every file they `$ref`, overlays), the effective config, the toolkit's own
 * code and the hash of every file the run wrote. When all of it hashes the same, `generate`
 * has nothing to do and loads neither Redocly nor TypeScript. A run that read a remote document
 * (`--allow-remote-refs`) is never up to date: knowing whether that document changed means
 * fetching it, which is most of the work.
 *
 * The stamp is a file anyone can edit, so it decides nothing by itself: it can only make a run
 * do its work again. The files it names are read only when they are regular files (never a
 * device or a FIFO), no larger than {@link MAX_STAMPED_BYTES}, and, for inputs, files this run
 * may read anyway (see {@link upToDate}); output paths are read only inside the output folder.
 */
export const STAMP_FILE = ".specgen-stamp.json";

export interface Stamp {
  toolkit: string;
  config: string;
  /** Spec files the run discovered, relative to the working directory. */
  specs: string[];
  /** Every file read, relative to the working directory, with its SHA-256. */
  inputs: Record<string, string>;
  /** Every file written (the stamp aside), relative to the output folder, with its SHA-256. */
  outputs: Record<string, string>;
  /** The URLs of remote documents read, if any: their contents are not stamped. */
  remote?: string[];
  /** Each discovered spec file, by path relative to the working directory (see stamp-units.ts). */
  units?: Record<string, StampedUnit>;
  /** The run's warnings with their kinds, which a run that keeps every summary reports again. */
  warnings?: KindedWarning[];
}

/** What a run records beside its inputs and outputs: see {@link Stamp.units} and {@link Stamp.warnings}. */
export interface StampExtras {
  units: Record<string, StampedUnit>;
  warnings: KindedWarning[];
}

/** Files larger than this are never hashed for a stamp check (the run regenerates instead). */
export const MAX_STAMPED_BYTES = 64 * 1024 * 1024;

export const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const rel = (cwd: string, path: string) => relative(cwd, path).split(sep).join("/");

/** Where `npm run build` leaves {@link hashToolkit}'s answer, beside the compiled code it hashes. */
export const TOOLKIT_HASH_URL = new URL("./toolkit.sha256", import.meta.url);

/** The toolkit version and the bytes of the compiled code under `dir`, in a fixed order. */
export function hashToolkit(dir: string): string {
  const hash = createHash("sha256").update(VERSION);
  const walk = (at: string): void => {
    for (const e of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(at, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".js")) hash.update(e.name).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

let toolkitHash: string | undefined;
/**
 * The hash of this toolkit's code, so a changed generator regenerates. The build writes it once
 * (reading 60 files on every no-op run cost more than the rest of that run); without that file,
 * as when the code is run straight from a `tsc` output, it is computed here.
 */
function toolkit(): string {
  if (toolkitHash === undefined) {
    const built = readRegularFile(fileURLToPath(TOOLKIT_HASH_URL), 128)?.toString("utf8").trim();
    toolkitHash =
      built !== undefined && /^[0-9a-f]{64}$/.test(built)
        ? built
        : hashToolkit(dirname(fileURLToPath(import.meta.url)));
  }
  return toolkitHash;
}

/**
 * The bytes of `path` when it is a regular file of at most `max` bytes, else undefined. Opened
 * non-blocking (a FIFO cannot hang the open) and checked on the open descriptor, so a file
 * swapped for a device after a check is still refused; `noFollow` refuses a symlink too.
 */
export function readRegularFile(path: string, max = MAX_STAMPED_BYTES, noFollow = false): Buffer | undefined {
  let fd: number;
  try {
    const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
    fd = openSync(path, flags);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > max) return undefined;
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export const isHashMap = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((h) => typeof h === "string");

/** The stamp in `file` when it is one (a regular file holding a well-formed stamp), else undefined. */
export function readStampFile(file: string): Stamp | undefined {
  const bytes = readRegularFile(file, MAX_STAMPED_BYTES, true);
  if (bytes === undefined) return undefined;
  let stamp: unknown;
  try {
    stamp = JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof stamp !== "object" || stamp === null || Array.isArray(stamp)) return undefined;
  const s = stamp as Partial<Stamp>;
  const wellFormed =
    typeof s.toolkit === "string" &&
    typeof s.config === "string" &&
    isHashMap(s.inputs) &&
    Array.isArray(s.specs) &&
    s.specs.every((p) => typeof p === "string");
  return wellFormed ? (stamp as Stamp) : undefined;
}

/** A relative path that stays inside the folder it is relative to (no `..`, not absolute, no empty step). */
export function plainRelativePath(path: string): boolean {
  if (path === "" || isAbsolute(path) || /[\\\0]/.test(path)) return false;
  return path.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

/**
 * `inputs`: the paths of the files read, and the URLs of remote documents read; `outputs`: the
 * files written beside the stamp.
 */
export function makeStamp(
  cwd: string,
  config: unknown,
  specs: string[],
  inputs: Iterable<string>,
  outputs: readonly GeneratedFile[],
  extras?: StampExtras,
): Stamp {
  const hashes: Record<string, string> = {};
  const remote: string[] = [];
  for (const input of [...new Set(inputs)].sort()) {
    if (hasScheme(input)) remote.push(input);
    else hashes[rel(cwd, input)] = sha(readFileSync(input));
  }
  const written: Record<string, string> = {};
  const byPath = (a: GeneratedFile, b: GeneratedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  for (const file of [...outputs].sort(byPath)) written[file.path] = sha(file.contents);
  return {
    toolkit: toolkit(),
    config: sha(JSON.stringify(config)),
    specs: specs.map((s) => rel(cwd, s)).sort(),
    inputs: hashes,
    outputs: written,
    ...(remote.length ? { remote } : {}),
    ...extras,
  };
}

/** Whether `stamp` is of a run by this toolkit, with this config, over this list of spec files. */
export function sameRun(stamp: Stamp, cwd: string, config: unknown, specs: string[]): boolean {
  if (stamp.toolkit !== toolkit() || stamp.config !== sha(JSON.stringify(config))) return false;
  if (stamp.remote !== undefined) return false;
  const now = specs.map((s) => rel(cwd, s)).sort();
  return now.length === stamp.specs.length && now.every((s, i) => s === stamp.specs[i]);
}

/**
 * True when the output folder `out`, whose stamp (as {@link readStampFile} read it) is `stamp`,
 * was produced from exactly these inputs by this toolkit and no file of it was changed since.
 * `readable(path)` tells whether the run may read an input the stamp names (the specs, what their
 * `$ref`s may reach, the overlays); any other is a stamp this run did not write, and the run
 * regenerates.
 */
export function upToDate(
  out: string,
  stamp: Stamp | undefined,
  run: { cwd: string; config: unknown; specs: string[]; readable: (path: string) => boolean },
): boolean {
  const { cwd, config, specs, readable } = run;
  if (stamp === undefined || !isHashMap(stamp.outputs) || !sameRun(stamp, cwd, config, specs)) return false;
  const same = (bytes: Buffer | undefined, hash: string) => bytes !== undefined && sha(bytes) === hash;
  const inputsSame = Object.entries(stamp.inputs).every(([path, hash]) => {
    const abs = resolve(cwd, path);
    return readable(abs) && same(readRegularFile(abs), hash);
  });
  const outputSame = ([path, hash]: [string, string]) =>
    plainRelativePath(path) && same(readRegularFile(join(out, path), MAX_STAMPED_BYTES, true), hash);
  return inputsSame && Object.entries(stamp.outputs).every(outputSame);
}
