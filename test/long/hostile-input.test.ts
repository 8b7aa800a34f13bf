import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { CORPUS_CS, FIXTURES, ROOT, tempDir } from "../helpers.js";
import { makeRefPolicy, projectRoot, refusal } from "../../generator/load/policy.js";
import { checkAliasExpansion } from "../../generator/load/read.js";
import { backtrackingHazard, patternError } from "../../generator/lint/patterns.js";
import { SpecError } from "../../generator/errors.js";
import { STAMP_FILE } from "../../generator/stamp.js";

/**
 * Untrusted specs (issue 7): `$ref`s read nothing outside the spec root and nothing remote by
 * default, broken input gets one clear error (file, line), and pathological but legal input
 * completes or fails with a message, never a stack overflow. Every case runs `lint` and
 * `generate` through the CLI, in a temp folder, with an output folder holding a marker file
 * that must come out byte-identical. Remote refs point at a loopback server that must not be
 * asked for anything.
 */

const CLI = join(ROOT, "dist/generator/cli.js");
/** A well-formed stamp: an output folder holding it is one generate may replace (and, here, must not). */
const WRITTEN_BY_SPECGEN = JSON.stringify({ toolkit: "x", config: "x", specs: [], inputs: {}, outputs: {} });
const LINT_CONFIG = join(FIXTURES, "hostile-input/redocly.yaml");

interface Run {
  status: number | null;
  out: string;
}

/** The CLI, asynchronously (the loopback server must stay able to answer), killed after 2 minutes. */
function cli(args: string[], cwd: string): Promise<Run> {
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

// The loopback server that remote `$ref`s point at; `requests` lists what it was asked. Only the
// test that passes --allow-remote-refs may ask it anything (for /allowed.yaml).
let server: Server;
let port = 0;
const requests: string[] = [];
// The property the served schema declares: changed by a test to see that a changed remote document is noticed.
let servedField = "fetched";
const unexpectedRequests = () => requests.filter((u) => u !== "/allowed.yaml");
before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/yaml" });
    res.end(`type: object\nproperties:\n  ${servedField}: {type: string}\n`);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((ok) => server.close(() => ok())));

const indent = (text: string, n: number) =>
  text
    .split("\n")
    .map((l) => (l ? " ".repeat(n) + l : l))
    .join("\n");

/** An OpenAPI file whose one response schema is `schema`; its first line is line 13. */
const api = (schema: string, extra = "") => `openapi: 3.1.0
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
const REF_LINE = 13;

/** A "billion laughs" document: 9^13 nodes once expanded, a few hundred bytes written. */
const bomb = (head: string) =>
  `${head}x-bomb:\n  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n` +
  Array.from({ length: 13 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(",")}]\n`).join("");

type Expect = { status: number; match: RegExp[] };
interface Case {
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

const SECRET = { "secret.yaml": "type: string\ndescription: not for specs\n" };
const outside = /is outside the spec root .*specs \(--root <dir> widens it\)/;
const atRef = new RegExp(`api\\.yaml:${REF_LINE}:\\d+`);
// One problem: lint's summary, generate's codeframe list.
const oneLint = /1 file\(s\) linted: 1 error\(s\)/;
const oneGen = /\[1\] [^\n]*\n[\s\S]*stopped before writing anything/;
/** A problem found while reading a spec the run was given: one `file:line:col: message` line, exit 2. */
const readError = (file: string, message: RegExp): Expect => ({
  status: 2,
  match: [new RegExp(`^specgen: [^\\n]*${file}:\\d+:\\d+: ${message.source}[^\\n]*\\n$`)],
});

const CASES: Case[] = [
  // --- the $ref policy
  {
    name: "a ../ escape out of the spec root",
    files: { ...SECRET, "specs/api.yaml": api("$ref: ../secret.yaml") },
    lint: { status: 1, match: [outside, /secret\.yaml/, atRef, oneLint] },
    generate: { status: 1, match: [outside, atRef, oneGen] },
  },
  {
    name: "an absolute path",
    files: { "specs/api.yaml": api("$ref: /etc/passwd") },
    lint: { status: 1, match: [/\/etc\/passwd is outside the spec root/, atRef, oneLint] },
    generate: { status: 1, match: [/\/etc\/passwd is outside the spec root/, atRef, oneGen] },
  },
  {
    name: "a file: URL pointing outside",
    files: { "specs/api.yaml": api("$ref: file:///etc/passwd") },
    lint: { status: 1, match: [/\/etc\/passwd is outside the spec root/, atRef, oneLint] },
    generate: { status: 1, match: [/\/etc\/passwd is outside the spec root/, atRef, oneGen] },
  },
  {
    name: "a symlink inside the root pointing out of it",
    files: { ...SECRET, "specs/link.yaml": { link: "../secret.yaml" }, "specs/api.yaml": api("$ref: ./link.yaml") },
    lint: { status: 1, match: [/link\.yaml \(really .*secret\.yaml\) is outside the spec root/, atRef, oneLint] },
    generate: { status: 1, match: [/really .*secret\.yaml/, atRef, oneGen] },
  },
  {
    name: "a remote http $ref",
    files: { "specs/api.yaml": api("$ref: http://127.0.0.1:{PORT}/schema.yaml") },
    lint: {
      status: 1,
      match: [
        /the remote \$ref "http:\/\/127\.0\.0\.1:\d+\/schema\.yaml" is not fetched: remote refs are off \(--allow-remote-refs/,
        atRef,
        oneLint,
      ],
    },
    generate: {
      status: 1,
      match: [/remote \$ref "http:\/\/127\.0\.0\.1:\d+\/schema\.yaml" is not fetched/, atRef, oneGen],
    },
  },
  {
    name: "a $ref with another scheme, even with --allow-remote-refs",
    files: { "specs/api.yaml": api("$ref: ftp://127.0.0.1:{PORT}/schema.yaml") },
    args: ["--allow-remote-refs"],
    lint: {
      status: 1,
      match: [/"ftp:\/\/127\.0\.0\.1:\d+\/schema\.yaml" uses a scheme that is never read/, atRef, oneLint],
    },
    generate: { status: 1, match: [/uses a scheme that is never read/, atRef, oneGen] },
  },
  {
    name: "a remote $ref inside an example value",
    files: { "specs/api.yaml": api("type: object\nexample:\n  $ref: http://127.0.0.1:{PORT}/example.json") },
    lint: {
      status: 1,
      match: [/remote \$ref "http:\/\/127\.0\.0\.1:\d+\/example\.json" is not fetched/, /api\.yaml:15:\d+/, oneLint],
    },
  },
  {
    name: "an example value $ref out of the root",
    files: { ...SECRET, "specs/api.yaml": api("type: object\nexample:\n  $ref: ../secret.yaml") },
    lint: { status: 1, match: [outside, /api\.yaml:15:\d+/, oneLint] },
  },
  {
    name: "an overlay whose `extends` leaves the root",
    files: {
      ...SECRET,
      "specs/x.overlay.yaml":
        "overlay: 1.0.0\ninfo: {title: x, version: '1'}\nextends: ../secret.yaml\nactions:\n  - target: $.info\n    update: {x: 1}\n",
    },
    lint: { status: 1, match: [/overlay-valid/, outside, oneLint] },
  },
  {
    name: "a missing file",
    files: { "specs/api.yaml": api("$ref: ./nope.yaml") },
    lint: { status: 1, match: [/Can't resolve \$ref: no such file: .*specs\/nope\.yaml/, atRef, oneLint] },
    generate: { status: 1, match: [/no such file: .*nope\.yaml/, atRef, oneGen] },
  },
  {
    name: "a missing JSON pointer",
    files: { "specs/api.yaml": api("$ref: ./defs.yaml#/Nope"), "specs/defs.yaml": "Handle: {type: string}\n" },
    lint: {
      status: 1,
      match: [
        /Can't resolve \$ref "\.\/defs\.yaml#\/Nope": .*defs\.yaml has nothing at \/Nope/,
        atRef,
        /2 file\(s\) linted: 1 error\(s\)/,
      ],
    },
    generate: { status: 1, match: [/defs\.yaml has nothing at \/Nope/, atRef, oneGen] },
  },
  {
    name: "a missing JSON pointer under a schema with an example (not reported twice)",
    files: {
      "specs/api.yaml": api("type: object\nproperties:\n  a:\n    $ref: ./defs.yaml#/Nope\nexample: {a: x}"),
      "specs/defs.yaml": "Handle: {type: string}\n",
    },
    target: "specs/api.yaml",
    lint: { status: 1, match: [/defs\.yaml has nothing at \/Nope/, /api\.yaml:16:\d+/, oneLint] },
    generate: { status: 1, match: [/defs\.yaml has nothing at \/Nope/, /api\.yaml:16:\d+/, oneGen] },
  },
  {
    name: "an empty referenced file",
    files: { "specs/api.yaml": api("$ref: ./empty.yaml"), "specs/empty.yaml": "" },
    target: "specs/api.yaml",
    lint: { status: 1, match: [/empty\.yaml is empty/, atRef, oneLint] },
    generate: { status: 1, match: [/empty\.yaml is empty/, atRef, oneGen] },
  },

  // --- YAML and document errors, in the file given and in a file it references
  {
    name: "a YAML syntax error",
    files: { "specs/api.yaml": "openapi: 3.1.0\ninfo: {title: [unclosed\n" },
    lint: { status: 1, match: [/api\.yaml:3:1/, /spec-read/, /YAML: /, oneLint] },
    generate: readError("api\\.yaml", /YAML: /),
  },
  {
    name: "a YAML syntax error in a referenced file",
    files: { "specs/api.yaml": api("$ref: ./frag.yaml"), "specs/frag.yaml": "type: [object\n" },
    target: "specs/api.yaml",
    lint: { status: 1, match: [/Can't resolve \$ref: .*frag\.yaml:2:1: YAML: /, atRef, oneLint] },
    generate: { status: 1, match: [/frag\.yaml:2:1: YAML: /, atRef, oneGen] },
  },
  {
    name: "a duplicate key",
    files: {
      "specs/api.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ninfo: {title: u, version: '1'}\npaths: {}\n",
    },
    lint: { status: 1, match: [/api\.yaml:3:1/, /YAML: duplicated mapping key/, oneLint] },
    generate: readError("api\\.yaml", /YAML: duplicated mapping key/),
  },
  {
    name: "a duplicate key in a referenced file",
    files: { "specs/api.yaml": api("$ref: ./frag.yaml"), "specs/frag.yaml": "type: object\ntype: string\n" },
    target: "specs/api.yaml",
    lint: { status: 1, match: [/frag\.yaml:2:1: YAML: duplicated mapping key/, atRef, oneLint] },
    generate: { status: 1, match: [/frag\.yaml:2:1: YAML: duplicated mapping key/, atRef, oneGen] },
  },
  {
    name: "a !!js/function tag",
    files: { "specs/api.yaml": api("type: object", 'x-f: !!js/function "function () { return 1 }"\n') },
    lint: { status: 1, match: [/api\.yaml:14:\d+/, /custom tag !!js\/function is not allowed/, oneLint] },
    generate: readError("api\\.yaml", /YAML: custom tag !!js\/function is not allowed/),
  },
  {
    name: "a !!python/object tag in a referenced file",
    files: {
      "specs/api.yaml": api("$ref: ./frag.yaml"),
      "specs/frag.yaml": "type: object\nx: !!python/object:os.system {}\n",
    },
    target: "specs/api.yaml",
    lint: {
      status: 1,
      match: [/frag\.yaml:2:\d+: YAML: custom tag !!python\/object:os\.system is not allowed/, atRef, oneLint],
    },
    generate: { status: 1, match: [/custom tag !!python\/object:os\.system is not allowed/, atRef, oneGen] },
  },
  {
    name: "an alias bomb",
    files: { "specs/api.yaml": bomb("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n") },
    lint: {
      status: 1,
      match: [
        /api\.yaml:11:\d+/,
        /aliases expand this document to an astronomical number of nodes .*alias bomb/,
        oneLint,
      ],
    },
    generate: {
      status: 2,
      match: [/^specgen: [^\n]*api\.yaml: YAML: aliases expand this document [^\n]*\(at \/x-bomb\/a6\)\n$/],
    },
  },
  {
    name: "an alias bomb in a referenced file",
    files: { "specs/api.yaml": api("$ref: ./frag.yaml"), "specs/frag.yaml": bomb("type: object\n") },
    target: "specs/api.yaml",
    lint: {
      status: 1,
      match: [/Can't resolve \$ref: .*frag\.yaml: YAML: aliases expand this document/, atRef, oneLint],
    },
    generate: { status: 1, match: [/frag\.yaml: YAML: aliases expand this document/, atRef, oneGen] },
  },
  {
    name: "nesting past 1,200 levels",
    files: {
      "specs/api.yaml": `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ${"[".repeat(1300)}${"]".repeat(1300)}\n`,
    },
    lint: { status: 1, match: [/api\.yaml:4:\d+/, /YAML: nested deeper than 1200 levels/, oneLint] },
    generate: readError("api\\.yaml", /YAML: nested deeper than 1200 levels/),
  },
  {
    name: "an empty file",
    files: { "specs/api.yaml": "" },
    lint: { status: 1, match: [/api\.yaml:1:1/, /the file is empty/, oneLint] },
    generate: readError("api\\.yaml", /the file is empty/),
  },
  {
    name: "a list at the top level",
    files: { "specs/api.yaml": "- openapi\n- 3.1.0\n" },
    lint: { status: 1, match: [/expected a mapping at the top level, found a list/, oneLint] },
    generate: readError("api\\.yaml", /expected a mapping at the top level, found a list/),
  },
  {
    name: "a scalar at the top level",
    files: { "specs/api.yaml": "just text\n" },
    lint: { status: 1, match: [/expected a mapping at the top level, found string/, oneLint] },
    generate: readError("api\\.yaml", /expected a mapping at the top level, found string/),
  },
  {
    name: "Swagger 2.0",
    files: { "specs/api.yaml": "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n" },
    lint: { status: 1, match: [/Swagger 2\.0 is not supported: convert it to OpenAPI 3\.x first/, oneLint] },
    generate: readError("api\\.yaml", /Swagger 2\.0 is not supported/),
  },
  {
    name: "an unknown OpenAPI version",
    files: { "specs/api.yaml": "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n" },
    lint: { status: 1, match: [/unsupported OpenAPI version "4\.0\.0" \(3\.0\.x and 3\.1\.x are read\)/, oneLint] },
    generate: readError("api\\.yaml", /unsupported OpenAPI version "4\.0\.0"/),
  },

  // --- regexes
  {
    name: "an invalid pattern",
    files: {
      "specs/api.yaml": api(
        '$ref: "#/components/schemas/Handle"',
        'components:\n  schemas:\n    Handle:\n      type: string\n      pattern: "([a-z]"\n',
      ),
    },
    lint: {
      status: 1,
      match: [
        /specgen\/pattern-valid/,
        /Invalid regular expression in `pattern` of schema Handle: "\(\[a-z\]" \(.*Unterminated group\)/,
        /api\.yaml:18:\d+/,
        oneLint,
      ],
    },
    generate: {
      status: 1,
      match: [/Invalid regular expression in `pattern` of schema Handle/, /api\.yaml:18:\d+/, oneGen],
    },
  },
  {
    name: "an invalid patternProperties key in a bare JSON Schema",
    files: { "specs/handle.yaml": 'type: object\npatternProperties:\n  "^(x": {type: string}\n' },
    lint: {
      status: 1,
      match: [
        /specgen\/pattern-valid/,
        /a `patternProperties` key of the schema at \/: "\^\(x"/,
        /handle\.yaml:3:\d+/,
        oneLint,
      ],
    },
    generate: { status: 1, match: [/specgen\/pattern-valid|Invalid regular expression/, /handle\.yaml:3:\d+/, oneGen] },
  },
  {
    name: "a pattern prone to catastrophic backtracking (a warning)",
    files: { "specs/api.yaml": api('type: string\npattern: "^(a+)+$"') },
    lint: {
      status: 0,
      match: [
        /specgen\/pattern-safe/,
        /"\^\(a\+\)\+\$" of the schema at .* may backtrack catastrophically: `a \(exponential backtracking\)`/,
        /0 error\(s\), 1 warning\(s\)/,
      ],
    },
  },
];

describe("untrusted and broken input: one clear error, nothing read or written that should not be", {
  concurrency: 4,
}, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const dir = tempDir("specgen-hostile-");
      for (const [path, content] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        if (typeof content === "string") writeFileSync(join(dir, path), content.replaceAll("{PORT}", String(port)));
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
      assert.deepEqual(unexpectedRequests(), [], "nothing was fetched");
    });
  }
  after(() => assert.deepEqual(unexpectedRequests(), [], "the loopback server was asked for nothing"));
});

test("--root widens the spec root, and --allow-remote-refs fetches (lint and generate)", async () => {
  const dir = tempDir("specgen-hostile-");
  mkdirSync(join(dir, "specs"));
  writeFileSync(join(dir, "secret.yaml"), SECRET["secret.yaml"]);
  writeFileSync(join(dir, "specs/api.yaml"), api("$ref: ../secret.yaml"));
  const lint = await cli(["lint", "-c", LINT_CONFIG, "--root", ".", "specs"], dir);
  assert.equal(lint.status, 0, lint.out);
  const gen = await cli(["generate", "--root", ".", "specs", "-o", "out"], dir);
  assert.equal(gen.status, 0, gen.out);

  const remote = tempDir("specgen-hostile-");
  mkdirSync(join(remote, "specs"));
  writeFileSync(join(remote, "specs/api.yaml"), api(`$ref: http://127.0.0.1:${port}/allowed.yaml`));
  const rlint = await cli(["lint", "-c", LINT_CONFIG, "--allow-remote-refs", "specs"], remote);
  assert.equal(rlint.status, 0, rlint.out);
  const rgen = await cli(["generate", "--allow-remote-refs", "specs", "-o", "out"], remote);
  assert.equal(rgen.status, 0, rgen.out);
  assert.match(readFileSync(join(remote, "out/types/api.d.ts"), "utf8"), /fetched\?: string/);
  assert.ok(requests.includes("/allowed.yaml"), "the allowed remote $ref was fetched");
  // The stamp cannot tell whether a remote document changed, so such a run is never skipped:
  // the changed document is fetched again and its new property reaches the types.
  const stamp = JSON.parse(readFileSync(join(remote, "out/.specgen-stamp.json"), "utf8")) as { remote?: string[] };
  assert.deepEqual(stamp.remote, [`http://127.0.0.1:${port}/allowed.yaml`]);
  servedField = "refetched";
  const again = await cli(["generate", "--allow-remote-refs", "specs", "-o", "out"], remote);
  servedField = "fetched";
  assert.equal(again.status, 0, again.out);
  assert.doesNotMatch(again.out, /up to date/);
  assert.match(readFileSync(join(remote, "out/types/api.d.ts"), "utf8"), /refetched\?: string/);
  // A local-only project is still skipped when nothing changed.
  const local = await cli(["generate", "--root", ".", "specs", "-o", "out"], dir);
  assert.equal(local.status, 0, local.out);
  assert.match(local.out, /up to date/);
});

test("the spec root: the project folder around the given folder; the Matrix corpus reads ../../event-schemas", () => {
  // The corpus has no .git or package.json; its LICENSE marks the root of the copied repository.
  const corpus = makeRefPolicy([CORPUS_CS], ROOT);
  // Roots are real paths (symlinks resolved), so compare with the corpus folder's real path.
  assert.deepEqual(corpus.roots, [realpathSync(join(CORPUS_CS, "../../.."))]);
  assert.equal(refusal(corpus, join(CORPUS_CS, "../../event-schemas/schema/m.room.member.yaml")), undefined);
  assert.match(refusal(corpus, join(CORPUS_CS, "../../../../auth-metadata/x.json")) ?? "", /outside the spec root/);
  // The project's own specs: the repository.
  assert.deepEqual(makeRefPolicy(["specs"], ROOT).roots, [realpathSync(ROOT)]);
  // A folder in the temp dir, with no marker up to it: itself, even though /tmp is above.
  const dir = tempDir("specgen-hostile-");
  mkdirSync(join(dir, "specs"));
  assert.equal(projectRoot(join(dir, "specs")), join(dir, "specs"));
  const policy = makeRefPolicy([join(dir, "specs/api.yaml")], ROOT);
  assert.deepEqual(policy.roots, [join(dir, "specs")]);
  assert.match(refusal(policy, join(dir, "secret.yaml")) ?? "", /outside the spec root/);
  assert.match(refusal(policy, "/etc/passwd") ?? "", /outside the spec root/);
  assert.match(refusal(policy, "https://example.com/x.yaml") ?? "", /remote refs are off/);
  assert.equal(
    refusal(makeRefPolicy(["specs"], dir, { allowRemoteRefs: true }), "https://example.com/x.yaml"),
    undefined,
  );
  // --root replaces the search: narrower or wider.
  assert.deepEqual(makeRefPolicy([join(dir, "specs")], ROOT, { root: dir }).roots, [dir]);
});

describe("pathological but legal input", { concurrency: 3 }, () => {
  test("circular $refs across files generate recursive types", async () => {
    const dir = tempDir("specgen-hostile-");
    mkdirSync(join(dir, "specs/defs"), { recursive: true });
    writeFileSync(join(dir, "specs/api.yaml"), api("$ref: ./defs/node.yaml"));
    writeFileSync(
      join(dir, "specs/defs/node.yaml"),
      "type: object\nproperties:\n  name: {type: string}\n  children:\n    type: array\n    items:\n      $ref: ./edge.yaml\n",
    );
    writeFileSync(join(dir, "specs/defs/edge.yaml"), "type: object\nproperties:\n  to:\n    $ref: ./node.yaml\n");
    const lint = await cli(["lint", "-c", LINT_CONFIG, "specs"], dir);
    assert.equal(lint.status, 0, lint.out);
    const gen = await cli(["generate", "specs/api.yaml", "-o", "out"], dir);
    assert.equal(gen.status, 0, gen.out);
    const types = readFileSync(join(dir, "out/types/api.d.ts"), "utf8");
    assert.match(types, /children\?: components\["schemas"\]\["edge"\]\[\]/);
    assert.match(types, /to\?: components\["schemas"\]\["node"\]/);
  });

  test("a 500-level nested schema: lint completes, generate says how deep it can go", async () => {
    const dir = tempDir("specgen-hostile-");
    mkdirSync(join(dir, "specs"));
    const deep = `${'{"type":"object","properties":{"n":'.repeat(500)}{"type":"string"}${"}}".repeat(500)}`;
    writeFileSync(
      join(dir, "specs/api.json"),
      JSON.stringify(
        JSON.parse(
          `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"Deep":${deep}}}}`,
        ),
      ),
    );
    const lint = await cli(["lint", "-c", LINT_CONFIG, "specs"], dir);
    assert.equal(lint.status, 0, lint.out);
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out/MARKER"), "x");
    writeFileSync(join(dir, "out", STAMP_FILE), WRITTEN_BY_SPECGEN);
    const gen = await cli(["generate", "specs", "-o", "out"], dir);
    assert.equal(gen.status, 1, gen.out);
    assert.match(gen.out, /api\.json:1:\d+ at #\/components\/schemas\/Deep\/properties\/n\//);
    assert.match(gen.out, /Nested more than 512 levels deep here: the types emitter .* cannot print types this deep/);
    assert.doesNotMatch(gen.out, /RangeError|Maximum call stack/);
    assert.deepEqual(readdirSync(join(dir, "out")).sort(), [STAMP_FILE, "MARKER"]);
    // 250 levels are generated.
    const ok = `${'{"type":"object","properties":{"n":'.repeat(250)}{"type":"string"}${"}}".repeat(250)}`;
    writeFileSync(
      join(dir, "specs/api.json"),
      `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"Deep":${ok}}}}`,
    );
    const gen250 = await cli(["generate", "specs", "-o", "out"], dir);
    assert.equal(gen250.status, 0, gen250.out);
  });

  test("a 2,000-path spec lints and generates", async () => {
    const dir = tempDir("specgen-hostile-");
    mkdirSync(join(dir, "specs"));
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) {
      paths[`/items${i}/{id}`] = {
        get: {
          operationId: `getItem${i}`,
          parameters: [
            {
              name: "id",
              in: "path",
              required: true,
              schema: { type: "string", pattern: "^[a-z0-9]+(\\.[a-z0-9]+)*$" },
            },
          ],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } },
            },
          },
        },
      };
    }
    writeFileSync(
      join(dir, "specs/many.json"),
      JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths }),
    );
    const lint = await cli(["lint", "-c", LINT_CONFIG, "specs"], dir);
    assert.equal(lint.status, 0, lint.out);
    const gen = await cli(["generate", "specs", "-o", "out"], dir);
    assert.equal(gen.status, 0, gen.out);
    assert.match(gen.out, /2000 operation\(s\)/);
    assert.ok(existsSync(join(dir, "out/client/many.js")));
  });
});

test("alias expansion is measured per node, once: shared nodes are cheap, bombs are refused", () => {
  // 20 levels of two-way sharing: about 2 million nodes expanded, 40 written; measured instantly.
  const nodes: unknown[] = [["x"]];
  for (let i = 1; i <= 20; i++) nodes.push([nodes[i - 1], nodes[i - 1]]);
  const started = performance.now();
  assert.throws(
    () => checkAliasExpansion({ top: nodes[20] }, "f.yaml"),
    (e: unknown) => e instanceof SpecError && /alias bomb/.test(e.message) && e.pointer === "/top/0",
  );
  assert.ok(performance.now() - started < 1000);
  // Sharing that stays small, and a large document without any, pass.
  assert.doesNotThrow(() => checkAliasExpansion({ a: nodes[10], b: nodes[10] }, "f.yaml"));
  assert.doesNotThrow(() => checkAliasExpansion({ big: Array.from({ length: 1_200_000 }, (_, i) => i) }, "f.yaml"));
});

test("regex checks: invalid patterns, and backtracking hazards (recheck)", () => {
  assert.match(patternError("([a-z]") ?? "", /Unterminated group/);
  // Valid without the `u` flag only: Ajv compiles those without it (with a warning), so not an error.
  assert.equal(patternError("[\\-\\:]"), undefined);
  const hazards = [
    "^(a+)+$",
    "(\\w+\\s?)*$",
    "(.*a){12}",
    "^(\\d+)*$",
    "^(a|a)*$",
    "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*@",
  ];
  for (const p of hazards) assert.ok(backtrackingHazard(p), p);
  // Delimited repetitions, and every pattern of the Matrix corpus, are not reported.
  const safe = [
    "^([a-z]+\\.)*[a-z]+$",
    "^(\\.[a-z]+)*$",
    "(a|b)*",
    "(ab+)+",
    "([^,]+,)*",
    "^(avatar_url|displayname|m\\.tz|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+)$",
    "^[\\w\\s\\-\\p{L},.'']+$",
    "^mxc:\\/\\/",
  ];
  for (const p of safe) assert.equal(backtrackingHazard(p), undefined, p);
});
