import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { escapeCommentText, renderMatrixMarkdown } from "../generator/emit/comment.js";
import { MATRIX_SPEC_BASE } from "../generator/model/docs.js";
import { OAUTH_DESCRIPTION } from "./comment-helpers.js";

// Spec text on its way into a comment: Matrix's Hugo shortcodes and site-relative links rendered
// as plain Markdown, then escaped so that no text can end or fake a comment. The blocks: comment.test.ts.

describe("renderMatrixMarkdown", () => {
  it("turns the note box of a real description into a **Note:** paragraph", () => {
    assert.equal(
      renderMatrixMarkdown(OAUTH_DESCRIPTION),
      [
        "Gets the OAuth 2.0 authorization server metadata, as defined in",
        "[RFC 8414](https://datatracker.ietf.org/doc/html/rfc8414), including the",
        "endpoint URLs.",
        "",
        "**Note:** The authorization server metadata is relatively large and may change",
        "over time. Clients should:",
        "",
        "- Cache the metadata appropriately based on HTTP caching headers",
        "- Refetch the metadata if it is stale",
      ].join("\n"),
    );
  });

  const cases: ReadonlyArray<readonly [name: string, input: string, expected: string]> = [
    [
      "warning box",
      "A\n\n{{% boxes/warning %}}\n\nDo not.\n\n{{% /boxes/warning %}}\nB",
      "A\n\n**Warning:** Do not.\n\nB",
    ],
    ["rationale box", "{{% boxes/rationale %}}Because.{{% /boxes/rationale %}}", "**Rationale:** Because."],
    ["other box is capitalised", "{{< boxes/info >}}\nHi\n{{< /boxes/info >}}", "**Info:** Hi"],
    ["empty box", "{{% boxes/note %}}\n\n{{% /boxes/note %}}", "**Note:**"],
    ["added-in", '{{% added-in v="1.1" %}} The field.', "**Added in Matrix 1.1:** The field."],
    ["added-in without space before %}}", '{{% added-in v="1.4"%}} X', "**Added in Matrix 1.4:** X"],
    ["added-in glued to text", '{{% added-in v="1.4" %}}X', "**Added in Matrix 1.4:** X"],
    [
      "changed-in with <> and spaces",
      '{{<   changed-in   v = "1.6"   >}} Now optional.',
      "**Changed in Matrix 1.6:** Now optional.",
    ],
    [
      "changed-in inline",
      'Since then {{% changed-in v="1.7" %}} it is.',
      "Since then **Changed in Matrix 1.7:** it is.",
    ],
    ["unknown shortcode dropped", "a {{% foo %}}b{{< bar x=1 >}}", "a b"],
    ["stray closing box dropped", "a {{% /boxes/note %}}", "a"],
    [
      "appendices#",
      "[Opaque identifier Grammar](/appendices#opaque-identifiers)",
      "[Opaque identifier Grammar](https://spec.matrix.org/latest/appendices#opaque-identifiers)",
    ],
    [
      "appendices/#",
      "[b64](/appendices/#unpadded-base64)",
      "[b64](https://spec.matrix.org/latest/appendices/#unpadded-base64)",
    ],
    ["path only", "[v1](/rooms/v1)", "[v1](https://spec.matrix.org/latest/rooms/v1)"],
    [
      "client-server anchor",
      "[x](/client-server-api/#anchor)",
      "[x](https://spec.matrix.org/latest/client-server-api/#anchor)",
    ],
    ["absolute link unchanged", "[RFC](https://example.org/a)", "[RFC](https://example.org/a)"],
    ["protocol-relative unchanged", "[x](//example.org/a)", "[x](//example.org/a)"],
    ["anchor-only unchanged", "[x](#here)", "[x](#here)"],
    [
      "reference definition",
      "[x][1]\n\n[1]: /appendices#y",
      "[x][1]\n\n[1]: https://spec.matrix.org/latest/appendices#y",
    ],
    ["CRLF", "a\r\n\r\n\r\n\r\nb", "a\n\nb"],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(renderMatrixMarkdown(input, MATRIX_SPEC_BASE), expected));
  }
  it("another spec's site-relative links stay as written (no link base)", () => {
    assert.equal(
      renderMatrixMarkdown("[pets](/docs/pets) and [x][1]\n\n[1]: /a"),
      "[pets](/docs/pets) and [x][1]\n\n[1]: /a",
    );
  });
});

describe("escapeCommentText", () => {
  const cases: ReadonlyArray<readonly [name: string, input: string, expected: string]> = [
    ["comment end", "a */ b", "a *\\/ b"],
    ["comment start", "a /* b", "a /\\* b"],
    ["both", "*/ alert(1) /*", "*\\/ alert(1) /\\*"],
    ["CRLF, CR, U+2028, U+2029, U+0085", "a\r\nb\rc\u2028d\u2029e\u0085f", "a\nb\nc\nd\ne\nf"],
    ["controls removed, tab kept", "a\u0000b\u0007c\u001Bd\u007Fe\tf", "abcde\tf"],
    ["bidi overrides removed", "a\u202Eb\u2066c", "abc"],
    ["lone surrogate", "a\uD800b", "a\uFFFDb"],
    ["tag at line start", "@type {evil}", "\\@type {evil}"],
    ["tag after spaces", "x\n   @param y", "x\n   \\@param y"],
    ["@ mid-line untouched", "user @alice:example.org", "user @alice:example.org"],
    ["trailing whitespace", "a  \nb\t", "a\nb"],
    ["blank runs collapse", "\n\na\n\n\n\n  \nb\n\n", "a\n\nb"],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(escapeCommentText(input), expected));
  }
});
