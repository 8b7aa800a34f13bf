// Shared by the `specgen validate` CLI tests (validate-cli, validate-io): the specs and corpus
// files they check, and what a problem from the project's overlay rules looks like.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import yaml from "js-yaml";
import { loadProjectConfig } from "../generator/config.js";
import { runValidate, type ValidateFormat, type ValidateOptions } from "../generator/validate/index.js";
import { ROOT, type Run, SHARED } from "./helpers.js";

export const AUTH = "specs/client-server/auth_metadata.yaml";
export const FLOW = "specs/client-server/definitions/sso_login_flow.yaml";
/** A file of the auth-metadata corpus, relative to the repository root. */
export const corpus = (file: string) => relative(ROOT, join(SHARED, "corpus/auth-metadata", file));
/** Whether the project's config applies the overlay of prose rules to the auth_metadata spec. */
export const PROSE_RULES_ON = (loadProjectConfig(ROOT).overlays[AUTH] ?? []).length > 0;
/** The non-empty lines of `text`. */
export const lines = (text: string) => text.split("\n").filter((l) => l !== "");
/** What `specgen validate` appends to a problem from action `i` of the project's overlay. */
export const cites = (i: number): string => {
  const overlay = yaml.load(readFileSync(join(ROOT, "specs/overlays/auth_metadata.must.yaml"), "utf8")) as {
    actions: Array<{ description: string }>;
  };
  return ` (overlay rule: ${overlay.actions[i]!.description} [specs/overlays/auth_metadata.must.yaml#/actions/${i}])`;
};

/** A valid identity provider document in `dir`. */
export function corpusIdp(dir: string): string {
  const file = join(dir, "idp.json");
  writeFileSync(file, JSON.stringify({ id: "com.example.idp.github", name: "GitHub" }));
  return file;
}

/** A spec with one operation, getA, whose 200 answer is JSON with `schema` (inline YAML); `extra` follows it. */
export function oneOperation(schema: string, extra = ""): string {
  const head = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n';
  const response = '      responses:\n        "200":\n          description: ok\n          content:\n';
  return `${head}${response}            application/json:\n              schema: ${schema}\n${extra}`;
}

/**
 * `specgen …args` (a `validate` command line) run in this process through the library (runValidate), for the tests
 * that are about what it checks and prints rather than about the program: the same exit code
 * and, for the text, github-actions and json formats, the same stdout and stderr text as the
 * CLI (commands.ts prints each line of the outcome). Only `--no-overlays` and `-f`/`--format`
 * are read; command-line errors, lint's formats and the program itself are tested with `specgen`.
 */
export async function validateHere(args: string[], options: { cwd?: string } = {}): Promise<Run> {
  assert.equal(args[0], "validate", "the arguments of `specgen validate`");
  const rest = args.slice(1);
  const opts: ValidateOptions = { cwd: options.cwd ?? ROOT };
  for (;;) {
    if (rest[0] === "--no-overlays") {
      rest.shift();
      opts.overlays = false;
    } else if (rest[0] === "-f" || rest[0] === "--format") opts.format = rest.splice(0, 2)[1] as ValidateFormat;
    else break;
  }
  assert.ok(opts.format === undefined || ["text", "github-actions", "json"].includes(opts.format), "a CLI format");
  const [target = "", ...files] = rest;
  const outcome = await runValidate(target, files, opts);
  assert.equal(outcome.problems, undefined);
  const text = (l: readonly string[]) => l.map((line) => `${line}\n`).join("");
  return { status: outcome.exitCode, stdout: text(outcome.stdout), stderr: text(outcome.stderr) };
}
