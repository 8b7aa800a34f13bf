import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_CS, ROOT, tempDir } from "../helpers.js";
import { makeRefPolicy, projectRoot, refusal } from "../../generator/load/policy.js";
import {
  api,
  atRef,
  type Case,
  caseSuite,
  cli,
  LINT_CONFIG,
  oneGen,
  oneLint,
  outside,
  SECRET,
  useLoopback,
} from "./input-helpers.js";

/**
 * Untrusted specs (issue 7), the `$ref` policy: `$ref`s read nothing outside the spec root and
 * nothing remote by default, and each refusal is one clear error at the `$ref`'s line. Every case
 * runs `lint` and `generate` through the CLI (see caseSuite); remote refs point at a loopback
 * server that must not be asked for anything. Broken documents: hostile-input.test.ts.
 */

const loopback = useLoopback();

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
        new RegExp(
          String.raw`the remote \$ref "http://127\.0\.0\.1:\d+/schema\.yaml" is not fetched: ` +
            String.raw`remote refs are off \(--allow-remote-refs`,
        ),
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
        "overlay: 1.0.0\ninfo: {title: x, version: '1'}\nextends: ../secret.yaml\n" +
        "actions:\n  - target: $.info\n    update: {x: 1}\n",
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
];

caseSuite(CASES, loopback);

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
  writeFileSync(join(remote, "specs/api.yaml"), api(`$ref: http://127.0.0.1:${loopback.port}/allowed.yaml`));
  const rlint = await cli(["lint", "-c", LINT_CONFIG, "--allow-remote-refs", "specs"], remote);
  assert.equal(rlint.status, 0, rlint.out);
  const rgen = await cli(["generate", "--allow-remote-refs", "specs", "-o", "out"], remote);
  assert.equal(rgen.status, 0, rgen.out);
  assert.match(readFileSync(join(remote, "out/types/api.d.ts"), "utf8"), /fetched\?: string/);
  assert.ok(loopback.requests.includes("/allowed.yaml"), "the allowed remote $ref was fetched");
  // The stamp cannot tell whether a remote document changed, so such a run is never skipped:
  // the changed document is fetched again and its new property reaches the types.
  const stamp = JSON.parse(readFileSync(join(remote, "out/.specgen-stamp.json"), "utf8")) as { remote?: string[] };
  assert.deepEqual(stamp.remote, [`http://127.0.0.1:${loopback.port}/allowed.yaml`]);
  loopback.servedField = "refetched";
  const again = await cli(["generate", "--allow-remote-refs", "specs", "-o", "out"], remote);
  loopback.servedField = "fetched";
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
