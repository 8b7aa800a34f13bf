// Shared by the untrusted-input tests (hostile-refs, hostile-input, pathological): the CLI run
// asynchronously with a bound, a spec around one schema, the loopback server that remote `$ref`s
// point at, and the table runner that checks lint and generate for each case.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { FIXTURES, ROOT, tempDir } from "../helpers.js";
import { STAMP_FILE } from "../../generator/stamp.js";

const CLI = join(ROOT, "dist/generator/cli.js");
/** A well-formed stamp: an output folder holding it is one generate may replace (and, here, must not). */
export const WRITTEN_BY_SPECGEN = JSON.stringify({ toolkit: "x", config: "x", specs: [], inputs: {}, outputs: {} });
export const LINT_CONFIG = join(FIXTURES, "hostile-input/redocly.yaml");

interface Run {
  status: number | null;
  out: string;
}
/** The CLI, asynchronously (the loopback server must stay able to answer), killed after 2 minutes. */
export function cli(args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, out });
    });
  });
}
/** Every file under `dir` with the hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = createHash("sha256").update(readFileSync(full)).digest("hex");
    }
  };
  walk(dir);
  return files;
}

/**
 * The loopback server that remote `$ref`s point at; `requests` lists what it was asked. Only the
 * test that passes --allow-remote-refs may ask it anything (for /allowed.yaml).
 */
export interface Loopback {
  port: number;
  requests: string[];
  /** The property the served schema declares: changed by a test to see that a changed remote document is noticed. */
  servedField: string;
  /** What it was asked besides /allowed.yaml. */
  unexpected(): string[];
}

/** Starts the loopback server before the calling file's tests, and closes it after them. */
export function useLoopback(): Loopback {
  let server: Server;
  const loopback: Loopback = {
    port: 0,
    requests: [],
    servedField: "fetched",
    unexpected: () => loopback.requests.filter((u) => u !== "/allowed.yaml"),
  };
  before(async () => {
    server = createServer((req, res) => {
      loopback.requests.push(req.url ?? "");
      res.writeHead(200, { "content-type": "application/yaml" });
      res.end(`type: object\nproperties:\n  ${loopback.servedField}: {type: string}\n`);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    loopback.port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((ok) => server.close(() => ok())));
  return loopback;
}

const indent = (text: string, n: number) =>
  text
    .split("\n")
    .map((l) => (l ? " ".repeat(n) + l : l))
    .join("\n");

/** An OpenAPI file whose one response schema is `schema`; its first line is line 13. */
export const api = (schema: string, extra = "") => `openapi: 3.1.0
info: {title: hostile, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
${indent(schema, 16)}
${extra}`;
export const REF_LINE = 13;

/** A "billion laughs" document: 9^13 nodes once expanded, a few hundred bytes written. */
export const bomb = (head: string) =>
  `${head}x-bomb:\n  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n` +
  Array.from({ length: 13 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(",")}]\n`).join("");

export type Expect = { status: number; match: RegExp[] };
export interface Case {
  name: string;
  /**
   * Files of the temp folder (text, or `{ link }` for a symlink to that relative path); `{PORT}` is the loopback port.
   */
  files: Record<string, string | { link: string }>;
  /** What lint and generate are given; default `specs`. */
  target?: string;
  args?: string[];
  lint: Expect;
  /** Omitted: generate is expected to succeed (and so replaces the output folder). */
  generate?: Expect;
}

export const SECRET = { "secret.yaml": "type: string\ndescription: not for specs\n" };
export const outside = /is outside the spec root .*specs \(--root <dir> widens it\)/;
export const atRef = new RegExp(`api\\.yaml:${REF_LINE}:\\d+`);
// One problem: lint's summary, generate's codeframe list.
export const oneLint = /1 file\(s\) linted: 1 error\(s\)/;
export const oneGen = /\[1\] [^\n]*\n[\s\S]*stopped before writing anything/;
/** A problem found while reading a spec the run was given: one `file:line:col: message` line, exit 2. */
export const readError = (file: string, message: RegExp): Expect => ({
  status: 2,
  match: [new RegExp(`^specgen: [^\\n]*${file}:\\d+:\\d+: ${message.source}[^\\n]*\\n$`)],
});

/**
 * One test per case: lint, then generate, in a temp folder whose output folder holds a marker that
 * must come out byte-identical; nothing is fetched from the loopback server.
 */
export function caseSuite(cases: Case[], loopback: Loopback): void {
  describe("untrusted and broken input: one clear error, nothing read or written that should not be", {
    concurrency: 4,
  }, () => {
    for (const c of cases) {
      test(c.name, async () => {
        const dir = tempDir("specgen-hostile-");
        for (const [path, content] of Object.entries(c.files)) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          if (typeof content === "string")
            writeFileSync(join(dir, path), content.replaceAll("{PORT}", String(loopback.port)));
          else symlinkSync(content.link, join(dir, path));
        }
        const out = join(dir, "out");
        mkdirSync(out);
        writeFileSync(join(out, "MARKER"), "written before the run\n");
        // A folder specgen wrote (a well-formed stamp), so that generate may replace it, and must not.
        writeFileSync(join(out, STAMP_FILE), WRITTEN_BY_SPECGEN);
        const before = snapshot(out);
        const target = c.target ?? "specs";
        const lint = await cli(["lint", "-c", LINT_CONFIG, target, ...(c.args ?? [])], dir);
        assert.equal(lint.status, c.lint.status, `lint exit code\n${lint.out}`);
        for (const re of c.lint.match) assert.match(lint.out, re, "lint output");
        if (c.generate) {
          const gen = await cli(["generate", target, "-o", out, ...(c.args ?? [])], dir);
          assert.equal(gen.status, c.generate.status, `generate exit code\n${gen.out}`);
          for (const re of c.generate.match) assert.match(gen.out, re, "generate output");
          assert.doesNotMatch(gen.out, /RangeError|Maximum call stack|\n\s+at .*:\d+:\d+\)?\n/, "no stack trace");
          assert.deepEqual(snapshot(out), before, "the output folder is left as it was");
        }
        assert.doesNotMatch(lint.out, /RangeError|Maximum call stack|\n\s+at .*:\d+:\d+\)?\n/, "no stack trace");
        assert.deepEqual(loopback.unexpected(), [], "nothing was fetched");
      });
    }
    after(() => assert.deepEqual(loopback.unexpected(), [], "the loopback server was asked for nothing"));
  });
}
