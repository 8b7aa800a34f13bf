import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, ROOT, tempDir } from "../helpers.js";

const HOOK = join(FIXTURES, "hooks/log-heavy-modules.cjs");
const CLI = join(ROOT, "dist/generator/cli.js");

function project(): string {
  const dir = tempDir();
  for (const item of ["specs", "specgen.config.json"]) cpSync(join(ROOT, item), join(dir, item), { recursive: true });
  return dir;
}
const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, ["-r", HOOK, CLI, "generate", ...args], { cwd, encoding: "utf8" });

test("a generate with unchanged inputs does nothing and loads neither TypeScript nor Redocly", () => {
  const dir = project();
  const first = run(dir);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /loaded-heavy: .*typescript/);
  const again = run(dir);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /is up to date/);
  assert.doesNotMatch(again.stderr, /loaded-heavy/);
});

test("any input change regenerates: a spec, a file it references, an overlay, the config; --force always does", () => {
  const dir = project();
  assert.equal(run(dir).status, 0);
  const edits: Array<[string, () => void]> = [
    ["spec", () => appendFileSync(join(dir, "specs/client-server/sso_login_redirect.yaml"), "\n# touched\n")],
    [
      "schema file",
      () => appendFileSync(join(dir, "specs/client-server/definitions/sso_login_flow.yaml"), "\n# touched\n"),
    ],
    ["overlay", () => appendFileSync(join(dir, "specs/overlays/auth_metadata.must.yaml"), "\n# touched\n")],
    [
      "config",
      () => {
        const c = JSON.parse(readFileSync(join(dir, "specgen.config.json"), "utf8"));
        c.package.version = "1.15.1";
        writeFileSync(join(dir, "specgen.config.json"), JSON.stringify(c));
      },
    ],
    [
      "new spec",
      () =>
        cpSync(join(dir, "specs/client-server/sso_login_redirect.yaml"), join(dir, "specs/client-server/copy.yaml")),
    ],
  ];
  for (const [what, edit] of edits) {
    edit();
    const r = run(dir);
    assert.equal(r.status, 0, `${what}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /up to date/, what);
    assert.match(run(dir).stderr, /up to date/, `${what}: the next run is a no-op again`);
  }
  assert.doesNotMatch(run(dir, "--force").stderr, /up to date/);
});

test("generate --watch regenerates when a spec changes", async () => {
  const dir = project();
  const child = spawn(process.execPath, [CLI, "generate", "--watch"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const seen = (re: RegExp) => [...stderr.matchAll(new RegExp(re, "g"))].length;
  const waitFor = async (re: RegExp, count: number) => {
    for (let i = 0; i < 200 && seen(re) < count; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(seen(re) >= count, `expected ${count}× ${re} in:\n${stderr}`);
  };
  try {
    await waitFor(/watching/, 1);
    const spec = join(dir, "specs/client-server/sso_login_redirect.yaml");
    writeFileSync(
      spec,
      readFileSync(spec, "utf8").replace(
        "Redirect the user's browser to the SSO interface.",
        "Send the browser to SSO.",
      ),
    );
    await waitFor(/-> \d+ file\(s\)/, 2);
    assert.match(
      readFileSync(join(dir, "generated/types/client-server/sso_login_redirect.d.ts"), "utf8"),
      /Send the browser to SSO\./,
    );
  } finally {
    child.kill();
  }
});

test("--emit selects output kinds; the client brings the validators and types it imports", () => {
  const dir = project();
  const r = run(dir, "--emit", "types", "-o", "types-only");
  assert.equal(r.status, 0, r.stderr);
  const pkg = JSON.parse(readFileSync(join(dir, "types-only/package.json"), "utf8"));
  // Each spec's types are a subpath too (for openapi-fetch's createClient<paths>()).
  const perSpec = [
    "./types/client-server/auth_metadata",
    "./types/client-server/definitions/sso_login_flow",
    "./types/client-server/sso_login_redirect",
  ];
  assert.deepEqual(Object.keys(pkg.exports), [".", "./types", ...perSpec, "./package.json"]);
  const c = run(dir, "--emit", "client", "-o", "client-only");
  assert.equal(c.status, 0, c.stderr);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, "client-only/package.json"), "utf8")).exports), [
    ".",
    "./types",
    "./validators",
    "./client",
    ...perSpec,
    "./package.json",
  ]);
  const bad = run(dir, "--emit", "docs");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown output kind "docs"/);
});
