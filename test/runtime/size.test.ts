// The shipped runtime stays small, and stays free of Node APIs (it runs in browsers).
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import ts from "typescript";
import { ROOT, tempDir } from "../helpers.js";

/**
 * Budget for the runtime and the three stubs of this repository, minified and gzipped as
 * `npm run bench` measures them (validators left out). It was 1,500 B for the runtime that
 * cached every GET by URL; keeping only what a shared cache may keep (Cache-Control parsed
 * exactly, credentials, Vary, per-caller copies, bounded size) costs about 650 B more. These
 * three stubs use both the cache (getAuthMetadata) and the redirect handling (the SSO
 * redirects), so they hold nearly the whole runtime: measured 2,564 B since the runtime was
 * rewritten as plain modules with one request flow per kind of operation (2,245 B for the golfed
 * single module before), 2,575 B since bodies are decoded with TextDecoder rather than Blob's
 * text() (faster, a little bigger). A stub that neither caches nor redirects bundles about 1,450 B
 * of runtime; the cache adds about 800 B, the redirect handling about 200 B. The margin is 5 B.
 */
const BUDGET = 2_580;

/**
 * The same with the validators the stubs import: #17's 6,000 B. 4,512 B since `formats.js` has
 * one export per format (6,544 B while a bundle that checked `uri` took all twenty formats).
 */
const WITH_VALIDATORS_BUDGET = 6_000;

/** min+gz of the three stubs (and what they import, less `external`), as the bench measures it. */
async function stubsSize(external: string[]): Promise<number> {
  const stubs = `export { getAuthMetadata } from "./client-server/auth_metadata.js";
export { redirectToSSO, redirectToIdP, redirectToIdPUrl } from "./client-server/sso_login_redirect.js";`;
  const out = await build({
    stdin: { contents: stubs, resolveDir: join(ROOT, "generated/client"), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    external,
    write: false,
    logLevel: "silent",
  });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
}

test("runtime + 3 stubs, min+gz, within the budget", async () => {
  const size = await stubsSize(["../../validators/*"]);
  assert.ok(size <= BUDGET, `${size} B > ${BUDGET} B`);
});

test("runtime + 3 stubs + their validators, min+gz, within #17's 6,000 B", async () => {
  const size = await stubsSize([]);
  assert.ok(size <= WITH_VALIDATORS_BUDGET, `${size} B > ${WITH_VALIDATORS_BUDGET} B`);
});

test("tsconfig.runtime.json (run by npm run build) refuses a Node API in the runtime", () => {
  const dir = tempDir();
  try {
    const file = join(dir, "leak.ts");
    writeFileSync(file, 'export const leak = Buffer.from("x").length + process.pid;\n');
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, "tsconfig.runtime.json"),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    assert.ok(config);
    assert.deepEqual(config.options.types, []);
    const program = ts.createProgram([file], config.options);
    const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.ok(
      messages.some((m) => /Cannot find name 'Buffer'/.test(m)),
      messages.join("\n"),
    );
    assert.ok(
      messages.some((m) => /Cannot find name 'process'/.test(m)),
      messages.join("\n"),
    );
    assert.ok(config.fileNames.some((f) => f.endsWith("generator/runtime/index.ts")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
