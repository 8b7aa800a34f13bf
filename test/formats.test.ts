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

test("uri: the full check's verdict on every URL string of the auth-metadata corpus, mostly via the fast path", () => {
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

/**
 * The fast path as it was written before it was built from named parts (one regex literal, too
 * long for a line): its text here copied verbatim, cut in two.
 */
const WRITTEN_AS_ONE_LITERAL = new RegExp(
  String.raw`^[a-z][a-z0-9+.-]*:\/\/[a-z0-9\-._~!$&'()*+,;=]*(?::\d*)?(?:\/[a-z0-9\-._~!$&'()*+,;=:@/]*)?` +
    String.raw`(?:\?[a-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\-._~!$&'()*+,;=:@/?]*)?$`,
  "i",
);

const fastUriCases: Array<[string, { given: string; want: boolean }]> = [
  ["a typical https URL", { given: "https://example.org/a/b?c=d&e#f", want: true }],
  ["a scheme in capitals and a host in capitals", { given: "HTTPS://EXAMPLE.ORG/", want: true }],
  ["a scheme with + . -", { given: "a+b.c-d://host", want: true }],
  ["a port", { given: "http://host:8448/x", want: true }],
  ["an empty port", { given: "http://host:/x", want: true }],
  ["an empty host (file URL)", { given: "file:///etc/hosts", want: true }],
  ["every sub-delim in the host", { given: "http://a-._~!$&'()*+,;=/", want: true }],
  [": and @ in the path", { given: "http://h/a:b@c", want: true }],
  ["/ and ? in the query and fragment", { given: "http://h?a/b?c#d/e?f", want: true }],
  ["the empty string", { given: "", want: false }],
  ["no scheme", { given: "//host/path", want: false }],
  ["a scheme led by a digit", { given: "1a://host", want: false }],
  ["no // after the scheme", { given: "mailto:someone@example.org", want: false }],
  ["userinfo", { given: "https://user@host/", want: false }],
  ["an IPv6 literal", { given: "http://[::1]/", want: false }],
  ["percent-encoding", { given: "http://h/a%20b", want: false }],
  ["a port with a letter", { given: "http://h:80x/", want: false }],
  ["a second #", { given: "http://h#a#b", want: false }],
  ["a space", { given: "http://h/a b", want: false }],
  ["a trailing line break ($ is the end of the input)", { given: "http://h/\n", want: false }],
  ["a non-ASCII letter", { given: "http://h\u00e9/", want: false }],
  ["a bracket in the path", { given: "http://h/[", want: false }],
  ["a dotless i (no Unicode case folding without the u flag)", { given: "http://\u0131/", want: false }],
  ["the Kelvin sign (no Unicode case folding)", { given: "http://\u212a/", want: false }],
];

for (const [name, { given, want }] of fastUriCases) {
  test(`FAST_URI, built from parts, as the single literal: ${name}`, () => {
    assert.equal(WRITTEN_AS_ONE_LITERAL.test(given), want, "the literal");
    assert.equal(FAST_URI.test(given), want, "the built regex");
  });
}

test("FAST_URI is the same regex as the single literal: same source, same flags", () => {
  assert.equal(FAST_URI.source, WRITTEN_AS_ONE_LITERAL.source);
  assert.equal(FAST_URI.flags, "i");
});
