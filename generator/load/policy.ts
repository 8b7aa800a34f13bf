import { existsSync, realpathSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from "node:path";
import { SpecError } from "../errors.js";

/**
 * What a run may read through `$ref`s (and overlay `extends`): files inside its roots, and
 * remote documents only when allowed. Shared by Redocly (through PolicyResolver, resolver.ts)
 * and by our own DocumentStore, so lint, the struct gate and the example checks obey one rule.
 * This module loads no Redocly: `generate` builds a policy before it knows it has work to do.
 */
export interface RefPolicy {
  /** Absolute, symlink-free folders; a local file must lie inside one of them. */
  readonly roots: readonly string[];
  /** http(s) `$ref`s are fetched only when true. */
  readonly allowRemote: boolean;
  /** Remote documents fetched by Redocly, by URL, so the example checks can use them too. */
  readonly fetched: Map<string, unknown>;
  /**
   * The folders given on the command line (a file's own folder), symlink-free. Dot-segments of a
   * `$ref` target are counted below the nearest of these holding it, else below its root, so
   * specs kept in `.github/specs/` may refer to each other but never to `.github/.env`.
   */
  readonly given?: readonly string[];
  /**
   * Told of each document the bundler's resolver parses (a file a `$ref` reaches), as soon as it
   * is parsed, with the length of all the text that resolver (one per spec file) has parsed so
   * far: `generate` queues its regexes for recheck then (see pattern-gate.ts), and starts its
   * types worker once a spec's files add up to a large one (see emit/types/worker-handoff.ts).
   */
  readonly parsed?: (doc: unknown, textSoFar: number) => void;
}

export interface RefOptions {
  /** The spec root (`--root`): replaces the project-root rule below. */
  root?: string;
  /** Fetch http(s) `$ref`s (`--allow-remote-refs`). */
  allowRemoteRefs?: boolean;
}

/**
 * A folder holding one of these is the root of a project: a checkout, a package, a toolkit
 * project, or a published source tree carrying its licence (the Matrix spec corpus, whose API
 * files `$ref` `../../event-schemas/` from `data/api/client-server/`).
 */
const PROJECT_MARKERS = [
  ".git",
  ".hg",
  "package.json",
  "specgen.config.json",
  "redocly.yaml",
  "LICENSE",
  "LICENCE",
  "COPYING",
];

/** `p` with every symlink resolved; the part that does not exist (yet) is kept as written. */
function real(p: string): string {
  const rest: string[] = [];
  for (let head = p; ; head = dirname(head)) {
    try {
      return join(realpathSync(head), ...rest.reverse());
    } catch {
      if (dirname(head) === head) return p;
      rest.push(basename(head));
    }
  }
}

/**
 * The spec root of one folder given on the command line: the nearest folder at or above it that
 * is a project root (see PROJECT_MARKERS), or the folder itself when there is none. The
 * filesystem root, the home folder and the temp folder are never taken by this search, so a
 * spec dropped in ~/Downloads or /tmp gets its own folder as root.
 */
export function projectRoot(dir: string): string {
  const start = real(resolve(dir));
  const never = new Set([parse(start).root, real(homedir()), real(tmpdir())]);
  for (let d = start; !never.has(d); d = dirname(d)) {
    if (PROJECT_MARKERS.some((m) => existsSync(join(d, m)))) return d;
    if (dirname(d) === d) break;
  }
  return start;
}

/**
 * The policy of a run over `paths` (files or folders, relative to `cwd`). Each path's folder
 * (a file's own folder) is a root; without `--root` it is widened to its project root.
 */
export function makeRefPolicy(paths: readonly string[], cwd: string, options: RefOptions = {}): RefPolicy {
  const roots = new Set<string>();
  const given = new Set<string>();
  // Files given one by one mostly share a folder (72 Matrix files, one folder): each is judged once.
  const dirs = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const file = existsSync(abs) ? !statSync(abs).isDirectory() : /\.(ya?ml|json)$/i.test(abs);
    dirs.add(file ? dirname(abs) : abs);
  }
  for (const dir of dirs) {
    roots.add(real(dir));
    given.add(real(dir));
    if (options.root === undefined) roots.add(projectRoot(dir));
  }
  if (options.root !== undefined) roots.add(real(resolve(cwd, options.root)));
  // A root inside another adds nothing.
  const sorted = [...roots].sort((a, b) => a.length - b.length);
  const kept = sorted.filter((r, i) => !sorted.slice(0, i).some((outer) => inside(outer, r)));
  return { roots: kept, allowRemote: options.allowRemoteRefs === true, fetched: new Map(), given: [...given] };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel.split(sep)[0] !== ".." && !isAbsolute(rel));
}

/** `http:`, `https:`, `file:`, `ftp:`…; a single letter is a Windows drive, not a scheme. */
export const hasScheme = (ref: string): boolean => /^[a-z][a-z0-9+.-]+:/i.test(ref);

/**
 * An http(s) reference with its scheme in lower case (`HTTP://h/x` is `http://h/x/`), as
 * Redocly's case-sensitive URL test needs: it reads anything else as a local path. Anything
 * else is returned as written (refusal() then refuses other schemes).
 */
export function normalizeUrl(ref: string): string {
  if (!/^https?:/i.test(ref)) return ref;
  try {
    return new URL(ref).href;
  } catch {
    return ref;
  }
}

/** The only files a `$ref` may name: YAML and JSON documents. */
const DOCUMENT_FILE = /\.(ya?ml|json)$/i;

/**
 * Why `target` (an absolute path or a URL) may not be read, or undefined when it may.
 * `given`: the file was named on the command line (or found by a folder walk), not by a `$ref`,
 * so only where it lies is judged, not what it is.
 */
export function refusal(policy: RefPolicy, target: string, given = false): string | undefined {
  if (hasScheme(target)) {
    // Exactly `http://` or `https://`: normalizeUrl() has made the scheme lower case.
    if (!/^https?:\/\//.test(target)) {
      const what = `the $ref ${JSON.stringify(target)}`;
      return `${what} uses a scheme that is never read (only files and, when allowed, http(s))`;
    }
    if (!policy.allowRemote)
      return (
        `the remote $ref ${JSON.stringify(target)} is not fetched: ` +
        "remote refs are off (--allow-remote-refs turns them on)"
      );
    return undefined;
  }
  const where =
    policy.roots.length === 1 ? `the spec root ${policy.roots[0]}` : `the spec roots (${policy.roots.join(", ")})`;
  // Judged by where the file really is, so a symlink inside the root cannot point out of it.
  const resolved = real(resolve(target));
  if (!policy.roots.some((r) => inside(r, resolved))) {
    const really = resolved === target ? "" : ` (really ${resolved})`;
    return `the $ref target ${target}${really} is outside ${where} (--root <dir> widens it)`;
  }
  return given ? undefined : kindRefusal(policy, target, resolved);
}

/**
 * Why a file inside the roots may still not be named by a `$ref`: it is no YAML/JSON document,
 * or it is a dot-file or lies in a dot-folder (`.env`, `.npmrc`, `.ssh/`, `.git/`), which a
 * bundle would otherwise inline into the generated package. Judged on the path as written and
 * on where it really is, so a symlink named `x.yaml` cannot lead to `.env`.
 */
function kindRefusal(policy: RefPolicy, target: string, resolved: string): string | undefined {
  const named = `the $ref target ${target}${resolved === resolve(target) ? "" : ` (really ${resolved})`}`;
  for (const path of [resolve(target), resolved]) {
    if (!DOCUMENT_FILE.test(path)) {
      return `${named} is not a YAML or JSON document (.yaml, .yml, .json): no other file is read`;
    }
    const holders = [...(policy.given ?? []), ...policy.roots].filter((r) => inside(r, path));
    const below = holders.sort((a, b) => b.length - a.length)[0];
    const segments = below === undefined ? [basename(path)] : relative(below, path).split(sep);
    if (segments.some((s) => s.startsWith("."))) {
      return `${named} is a dot-file or lies in a dot-folder, which is never read`;
    }
  }
  return undefined;
}

/** Throws the refusal as a SpecError naming `from`, the file holding the `$ref`. */
export function assertReadable(policy: RefPolicy | undefined, target: string, from: string): void {
  const why = policy
    ? refusal(policy, target)
    : hasScheme(target)
      ? `the remote $ref ${JSON.stringify(target)} is not fetched`
      : undefined;
  if (why) throw new SpecError(why, from);
}
