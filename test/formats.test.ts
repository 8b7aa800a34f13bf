import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { fullFormats as ajvFormats } from "ajv-formats/dist/formats.js";
import { FAST_URI, uri } from "../generator/runtime/formats.js";
import { SHARED } from "./helpers.js";

/**
 * The generated validators check `format: uri` with a fast path in front of ajv-formats' full
 * RFC 3986 regex (generator/runtime/formats.ts). The fast path may only accept what the full
 * check accepts, so that the verdict is always the full one.
 */
const full = ajvFormats.uri as (value: string) => boolean;

// Characters URLs are made of, plus the ones that make a string not a URI (space, quotes, `<`,
// `%` with and without hex digits, `[`, non-ASCII, controls).
const URI_CHARS = [
  ..."abcXYZ019-._~!$&'()*+,;=:@/?#%[] \"<>\\^`{|}\u00e9\t\n",
  "%20",
  "%zz",
  "://",
  "https://",
  "::1",
  "@",
];
const uriLike = fc.array(fc.constantFrom(...URI_CHARS), { maxLength: 40 }).map((parts) => parts.join(""));
const withScheme = fc
  .tuple(fc.constantFrom("https://", "http://", "HTTPS://", "a+b.c-d://", "x:", "1a://", "://"), uriLike)
  .map(([s, rest]) => s + rest);

test("the fast uri path accepts nothing ajv-formats' full uri check rejects (fast-check, 20,000 strings)", () => {
  fc.assert(
    fc.property(
      fc.oneof(uriLike, withScheme, fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
      (s) => {
        if (FAST_URI.test(s))
          assert.equal(full(s), true, `fast path accepted ${JSON.stringify(s)}, full check rejects it`);
        assert.equal(uri(s), full(s), JSON.stringify(s));
      },
    ),
    { numRuns: 20_000 },
  );
});

test("uri gives the full check's verdict on every URL-valued string of the auth-metadata corpus, mostly from the fast path", () => {
  const dir = join(SHARED, "corpus/auth-metadata");
  const strings: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  for (const sub of ["valid-or-real", "invalid"]) {
    for (const f of readdirSync(join(dir, sub))) collect(JSON.parse(readFileSync(join(dir, sub, f), "utf8")));
  }
  const urls = strings.filter((s) => /^[a-z][a-z0-9+.-]*:/i.test(s));
  assert.ok(urls.length > 100, `${urls.length} URL-like strings`);
  for (const s of urls) assert.equal(uri(s), full(s), JSON.stringify(s));
  const fast = urls.filter((s) => FAST_URI.test(s)).length;
  assert.ok(fast / urls.length > 0.9, `fast path took ${fast} of ${urls.length}`);
  // The documents the corpus marks invalid for their URLs stay invalid.
  for (const bad of [
    "https://<namespace_route>",
    "https://login.microsoftonline.com/{tenantid}/v2.0",
    "javascript:alert(1)//",
    "/relative/path",
    "https://a b.example",
  ]) {
    assert.equal(uri(bad), full(bad), bad);
  }
  assert.equal(uri("https://a b.example"), false);
  assert.equal(uri("/relative/path"), false);
});
