import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import yaml from "js-yaml";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests run from dist/test/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED = resolve(ROOT, "../shared");
export const CORPUS_CS = join(SHARED, "corpus/matrix-spec/data/api/client-server");
export const FIXTURES = join(ROOT, "test/fixtures");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI the way a user would. */
export function specgen(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [join(ROOT, "dist/generator/cli.js"), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
// Every temp folder a test file made is removed when its process ends (each test file runs in a
// process of its own), whether or not the test removed it itself.
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new temp folder, removed when the test file's process ends at the latest. */
export function tempDir(prefix = "specgen-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * The value at `keys` in a parsed document (own keys only), or undefined when the path is not
 * there: how tests read a spec whose shape they know, without `any`.
 */
export function at(node: unknown, ...keys: Array<string | number>): unknown {
  let here = node;
  for (const key of keys) {
    if (typeof here !== "object" || here === null || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

/** The auth_metadata spec's own example: a valid document (9 required fields, all https). */
export function authMetadataExample(): Record<string, unknown> {
  const spec = yaml.load(readFileSync(join(ROOT, "specs/client-server/auth_metadata.yaml"), "utf8"));
  const response = at(spec, "paths", "/auth_metadata", "get", "responses", "200");
  return at(response, "content", "application/json", "schema", "example") as Record<string, unknown>;
}

/**
 * This repository's lint config (Matrix deviations from `recommended`), for tests that lint small specs in temp
 * folders.
 */
export const REPO_LINT_CONFIG = join(ROOT, "redocly.yaml");

/** Set by `npm run test:long` (CI runs it): property tests use their full run counts. */
export const LONG_TESTS = process.env.SPECGEN_LONG_TESTS === "1";
