// The runtime's media part (client/runtime-media.js) costs only what a package uses: a bundle of
// one stub keeps the body encoders and readers that stub's descriptor names, and none of the rest.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { generate } from "../../generator/generate.js";
import { FIXTURES, tempDir } from "../helpers.js";

let out: string;
before(async () => {
  out = tempDir();
  const result = await generate({ cwd: join(FIXTURES, "snapshots/media"), out: join(out, "out"), force: true });
  assert.deepEqual(result.problems, []);
});
after(() => rmSync(out, { recursive: true, force: true }));

/** The minified bundle of some stubs of the media scenario: its text and gzipped size. */
async function bundle(names: string): Promise<{ text: string; size: number }> {
  const result = await build({
    stdin: { contents: `export { ${names} } from "./media.js";`, resolveDir: join(out, "out/client"), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    external: ["../validators/*"],
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]!.contents;
  return { text: new TextDecoder().decode(bytes), size: gzipSync(bytes, { level: 9 }).length };
}

// Literals only one function holds: prepareBody's error, multipart's part type, formBody's styles.
const PICKS = "Bad contentType";
const MULTIPART = "application/octet-stream";
const FORM = "deepObject";

test("a stub reading a stream or text carries no body encoder, within 2,450 B min+gz", async () => {
  const { text, size } = await bundle("exportLines, getReport");
  for (const literal of [PICKS, MULTIPART, FORM]) assert.ok(!text.includes(literal), literal);
  assert.ok(size <= 2_450, `${size} B`);
});

test("a form-only stub leaves multipart out, a multipart-only stub the form encoder", async () => {
  const form = await bundle("search");
  assert.ok(form.text.includes(FORM) && form.text.includes(PICKS));
  assert.ok(!form.text.includes(MULTIPART));
  const multipart = await bundle("uploadAvatar");
  assert.ok(multipart.text.includes(MULTIPART) && multipart.text.includes(PICKS));
  assert.ok(!multipart.text.includes(FORM));
});
