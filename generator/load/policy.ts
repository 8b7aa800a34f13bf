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
const PROJECT_MARKERS = [".git", ".hg", "package.json", "specgen.config.json", "redocly.yaml", "LICENSE", "LICENCE", "COPYING"];

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
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const file = existsSync(abs) ? !statSync(abs).isDirectory() : /\.(ya?ml|json)$/i.test(abs);
    const dir = file ? dirname(abs) : abs;
    roots.add(real(dir));
    if (options.root === undefined) roots.add(projectRoot(dir));
  }
  if (options.root !== undefined) roots.add(real(resolve(cwd, options.root)));
  // A root inside another adds nothing.
  const sorted = [...roots].sort((a, b) => a.length - b.length);
  const kept = sorted.filter((r, i) => !sorted.slice(0, i).some((outer) => inside(outer, r)));
  return { roots: kept, allowRemote: options.allowRemoteRefs === true, fetched: new Map() };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel.split(sep)[0] !== ".." && !isAbsolute(rel));
}

/** `http:`, `https:`, `file:`, `ftp:`…; a single letter is a Windows drive, not a scheme. */
export const hasScheme = (ref: string): boolean => /^[a-z][a-z0-9+.-]+:/i.test(ref);

/** Why `target` (an absolute path or a URL) may not be read, or undefined when it may. */
export function refusal(policy: RefPolicy, target: string): string | undefined {
  if (hasScheme(target)) {
    if (!/^https?:/i.test(target)) return `the $ref ${JSON.stringify(target)} uses a scheme that is never read (only files and, when allowed, http(s))`;
    if (!policy.allowRemote) return `the remote $ref ${JSON.stringify(target)} is not fetched: remote refs are off (--allow-remote-refs turns them on)`;
    return undefined;
  }
  const where = policy.roots.length === 1 ? `the spec root ${policy.roots[0]}` : `the spec roots (${policy.roots.join(", ")})`;
  // Judged by where the file really is, so a symlink inside the root cannot point out of it.
  const resolved = real(resolve(target));
  if (policy.roots.some((r) => inside(r, resolved))) return undefined;
  return `the $ref target ${target}${resolved === target ? "" : ` (really ${resolved})`} is outside ${where} (--root <dir> widens it)`;
}

/** Throws the refusal as a SpecError naming `from`, the file holding the `$ref`. */
export function assertReadable(policy: RefPolicy | undefined, target: string, from: string): void {
  const why = policy ? refusal(policy, target) : hasScheme(target) ? `the remote $ref ${JSON.stringify(target)} is not fetched` : undefined;
  if (why) throw new SpecError(why, from);
}
