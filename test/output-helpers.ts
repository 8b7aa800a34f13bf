// Shared by the output-folder tests (output-safety, output-recovery): temp projects with small
// specs, and a snapshot of a folder to show that nothing was touched.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ROOT, tempDir, type Run } from "./helpers.js";

export const CLI = join(ROOT, "dist/generator/cli.js");
export const STAMP = ".specgen-stamp.json";

/** A temporary folder removed after `fn`, whatever happens. */
export async function inTemp(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = tempDir("specgen-out-");
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** A small project in `dir`: two specs (one a bare JSON Schema) and a config. */
export function project(dir: string): string {
  mkdirSync(join(dir, "specs"), { recursive: true });
  writeFileSync(join(dir, "specs/pets.yaml"), miniSpec("Pet"));
  writeFileSync(join(dir, "specs/tag.yaml"), "$schema: https://json-schema.org/draft/2020-12/schema\ntype: string\n");
  writeFileSync(join(dir, "specgen.config.json"), JSON.stringify({ specs: "specs", out: "generated" }));
  return dir;
}
/** A small OpenAPI spec with one operation and one named schema (`<Name>`). */
export function miniSpec(name: string): string {
  return [
    "openapi: 3.1.0",
    `info: { title: ${name}, version: "1" }`,
    "paths:",
    `  /${name.toLowerCase()}:`,
    "    get:",
    `      operationId: get${name}`,
    "      responses:",
    '        "200":',
    "          description: ok",
    "          content:",
    "            application/json:",
    `              schema: { $ref: "#/components/schemas/${name}" }`,
    "components:",
    "  schemas:",
    `    ${name}: { type: object, properties: { id: { type: string } } }`,
    "",
  ].join("\n");
}
/** Every file and folder under `dir`, relative, with the contents of files: what "nothing touched" compares. */
export function snapshot(dir: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full).split(sep).join("/");
      if (e.isDirectory()) {
        seen.set(`${rel}/`, "");
        walk(full);
      } else seen.set(rel, e.isFile() ? readFileSync(full, "utf8") : "(other)");
    }
  };
  walk(dir);
  return seen;
}
/** Asserts that a run was refused (exit 2) with a message matching `pattern`. */
export const refused = (r: Run, pattern: RegExp, what: string) => {
  assert.equal(r.status, 2, `${what}: exit 2\n${r.stderr}`);
  assert.match(r.stderr, pattern, what);
};
