import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import fc from "fast-check";
import yaml from "js-yaml";
import ts from "typescript";

import { type DocParts, escapeCommentText, jsdoc, renderMatrixMarkdown } from "../generator/emit/comment.js";
import { MATRIX_SPEC_BASE } from "../generator/model/docs.js";
import { CORPUS_CS } from "./helpers.js";

const OAUTH_DESCRIPTION = `Gets the OAuth 2.0 authorization server metadata, as defined in
[RFC 8414](https://datatracker.ietf.org/doc/html/rfc8414), including the
endpoint URLs.

{{% boxes/note %}}
The authorization server metadata is relatively large and may change
over time. Clients should:

- Cache the metadata appropriately based on HTTP caching headers
- Refetch the metadata if it is stale
{{% /boxes/note %}}
`;

/** Occurrences of a substring. */
function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** JSDoc tag names TypeScript sees on a declaration preceded by `comment`. */
function tagNames(comment: string): string[] {
  const source = ts.createSourceFile(
    "x.ts",
    `${comment}export declare const x: number;\n`,
    ts.ScriptTarget.ES2022,
    true,
  );
  const statement = source.statements[0];
  assert.ok(statement !== undefined && ts.isVariableStatement(statement));
  const declaration = statement.declarationList.declarations[0];
  assert.ok(declaration !== undefined);
  return ts.getJSDocTags(declaration).map((tag) => tag.tagName.text);
}

/** The invariants every non-empty block must satisfy. */
function assertSafeBlock(out: string, indent = ""): void {
  assert.ok(out.endsWith(`${indent} */\n`), `block must end with the closing line: ${JSON.stringify(out)}`);
  assert.equal(count(out, "*/"), 1, `exactly one "*/": ${JSON.stringify(out)}`);
  assert.equal(out.indexOf("*/"), out.length - 3, "the only */ is the closing one");
  assert.doesNotMatch(out, /[\r\u2028\u2029\u0085]/, "only \\n line breaks");
  assert.doesNotMatch(out, /[\u0000-\u0008\u000B-\u001F\u007F]/, "no control characters");
  const lines = out.slice(0, -1).split("\n");
  assert.equal(lines[0], `${indent}/**`);
  for (const line of lines.slice(1)) {
    assert.ok(line.startsWith(`${indent} *`), `line without prefix: ${JSON.stringify(line)}`);
    assert.equal(line, line.trimEnd(), `trailing whitespace: ${JSON.stringify(line)}`);
  }
  const run = new Function(`${out}\nreturn 1;`) as () => unknown;
  assert.equal(run(), 1);
}

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

describe("jsdoc", () => {
  it("returns an empty string when there is nothing to say", () => {
    assert.equal(jsdoc({}), "");
    assert.equal(jsdoc({ description: "  \n\n ", deprecated: false, readOnly: false, default: undefined }), "");
    assert.equal(jsdoc({ description: "{{% foo %}}" }), "");
  });

  it("renders every section in a stable order", () => {
    const out = jsdoc(
      {
        title: "Thing",
        summary: "Gets a thing.",
        description: 'See [grammar](/appendices#opaque-identifiers).\n\n{{% added-in v="1.2" %}} More.',
        format: "uri",
        pattern: "^https?://",
        readOnly: true,
        default: "https",
        example: { a: 1 },
        since: "1.1",
        changed: { "1.10": "Later.", "1.6": "Earlier." },
        deprecated: true,
        linkBase: MATRIX_SPEC_BASE,
      },
      "  ",
    );
    assert.equal(
      out,
      [
        "  /**",
        "   * Thing",
        "   *",
        "   * Gets a thing.",
        "   *",
        "   * See [grammar](https://spec.matrix.org/latest/appendices#opaque-identifiers).",
        "   *",
        "   * **Added in Matrix 1.2:** More.",
        "   *",
        "   * Format: `uri`",
        "   *",
        "   * Pattern: `^https?://`",
        "   *",
        "   * Read-only: returned by the server, not sent in requests.",
        "   *",
        "   * **Changed in Matrix 1.6:** Earlier.",
        "   *",
        "   * **Changed in Matrix 1.10:** Later.",
        "   *",
        '   * @default "https"',
        '   * @example {"a":1}',
        "   * @since Matrix 1.1",
        "   * @deprecated",
        "   */",
        "",
      ].join("\n"),
    );
    assertSafeBlock(out, "  ");
    assert.deepEqual(tagNames(out), ["default", "example", "since", "deprecated"]);
  });

  it("puts the OAuth description with its note box in the block", () => {
    const out = jsdoc({ description: OAUTH_DESCRIPTION });
    assert.match(
      out,
      /\n \* \*\*Note:\*\* The authorization server metadata is relatively large and may change\n \* over time\./,
    );
    assert.match(out, /\n \*\n \* - Cache the metadata/);
    assertSafeBlock(out);
  });

  it("shows values as JSON and lays long examples over several lines", () => {
    const long = { user_id: "@alice:example.org", devices: ["ABCDEFGHIJ", "KLMNOPQRST"], flags: { a: true, b: null } };
    const out = jsdoc({ example: long, writeOnly: true });
    assert.equal(
      out,
      [
        "/**",
        " * Write-only: sent in requests, never returned in responses.",
        " *",
        " * @example",
        " * {",
        ' *   "user_id": "@alice:example.org",',
        ' *   "devices": ["ABCDEFGHIJ","KLMNOPQRST"],',
        ' *   "flags": {"a":true,"b":null}',
        " * }",
        " */",
        "",
      ].join("\n"),
    );
    const json = out
      .split("\n")
      .slice(4, 9)
      .map((line) => line.slice(3))
      .join("\n");
    assert.deepEqual(JSON.parse(json), long);
  });

  it("keeps JSON valid while escaping comment markers in values", () => {
    const out = jsdoc({ default: "*/ x /*" });
    assert.equal(out, '/**\n * @default "*\\/ x \\u002f*"\n */\n');
    assert.equal(JSON.parse('"*\\/ x \\u002f*"'), "*/ x /*");
  });

  it("does not throw on values without a JSON form", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    assert.equal(jsdoc({ example: () => 1 }), "");
    assertSafeBlock(jsdoc({ example: cyclic, default: 10n }));
    assert.match(jsdoc({ default: 10n }), /@default "10"/);
  });

  it("uses a long enough code span for patterns with backticks", () => {
    assert.match(jsdoc({ pattern: "^a`b$" }), /Pattern: ``\^a`b\$``/);
  });

  it("rejects an indent that is not whitespace", () => {
    assert.throws(() => jsdoc({ title: "x" }, "\n*/"), TypeError);
  });

  const hostile: ReadonlyArray<readonly [name: string, parts: DocParts]> = [
    ["*/ in description", { description: "*/" }],
    ["*/ alert(1) /* in description", { description: "*/ alert(1) /*" }],
    ["newline-wrapped */", { description: "\n*/\n" }],
    ["*/ after U+2028", { description: "a\u2028*/ throw 1; /*" }],
    ["*/ after U+2029", { summary: "a\u2029*/ throw 1; /*" }],
    ["*/ after U+0085", { title: "a\u0085*/ throw 1; /*" }],
    ["*/ after CR", { description: "a\r*/ throw 1; /*" }],
    ["NUL", { description: "a\u0000*/\u0000b" }],
    ["fake tag", { description: "Text\n@type {evil}\n  @param x" }],
    ["/**/ runs", { description: "/**/ **/ /** ***/" }],
    ["stray star-slash at end", { description: "ends with *" }],
    ["slash at line start", { description: "a\n/\n*/" }],
    ["in box", { description: "{{% boxes/note %}}\n*/ throw 1;\n{{% /boxes/note %}}" }],
    ["in link", { description: "[x](/a*/throw 1;/*)" }],
    ["in shortcode version", { description: '{{% added-in v="*/ throw 1; /*" %}} x' }],
    ["in default string", { default: "*/" }],
    ["in default object", { default: { "*/": "*/ throw 1; /*" } }],
    ["in example", { example: { a: "*/", b: ["\u2028*/", "\r\n@type"] } }],
    ["in long example", { example: { text: "*/ ".repeat(40), more: ["/*", "*/"] } }],
    ["in format", { format: "date*/throw 1;/*" }],
    ["in pattern", { pattern: "^a*/throw 1;/*\n@x" }],
    ["in since", { since: "1.1\n*/ throw 1; /*" }],
    ["in changed version and text", { changed: { "1.6\n*/": "*/ throw 1;\n@type {evil}" } }],
    [
      "everywhere",
      {
        title: "*/",
        summary: "*/",
        description: "*/",
        format: "*/",
        pattern: "*/",
        default: "*/",
        example: "*/",
        since: "*/",
        changed: { "*/": "*/" },
        deprecated: true,
      },
    ],
  ];
  for (const [name, parts] of hostile) {
    for (const indent of ["", "    ", "\t"]) {
      it(`stays one comment: ${name} (indent ${JSON.stringify(indent)})`, () => {
        const out = jsdoc(parts, indent);
        assertSafeBlock(out, indent);
        assert.ok(!tagNames(out).includes("type"), "no fake @type tag");
        assert.ok(!tagNames(out).includes("param"), "no fake @param tag");
      });
    }
  }

  it("keeps a comment closed for any text (property)", () => {
    const text = fc.string({
      unit: fc.constantFrom(
        "*",
        "/",
        "@",
        " ",
        "\n",
        "\r",
        "\u2028",
        "\u2029",
        "\u0085",
        "\u0000",
        "a",
        "{",
        "%",
        "}",
        "<",
        ">",
        "`",
      ),
    });
    fc.assert(
      fc.property(text, text, fc.jsonValue(), (description, title, example) => {
        const out = jsdoc({ description, title, example, pattern: description });
        if (out !== "") assertSafeBlock(out);
        assert.equal(jsdoc({ description, title, example, pattern: description }), out, "deterministic");
      }),
      { numRuns: 500 },
    );
  });
});

/** Every string under a `description` key. */
function descriptions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) descriptions(item, found);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "description" && typeof value === "string") found.push(value);
      else descriptions(value, found);
    }
  }
  return found;
}

describe("the Matrix client-server corpus", { skip: !existsSync(CORPUS_CS) && "corpus not present" }, () => {
  it("renders every description as one safe comment with no shortcodes left", () => {
    let seen = 0;
    for (const file of readdirSync(CORPUS_CS)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()) {
      const doc = yaml.load(readFileSync(join(CORPUS_CS, file), "utf8"));
      for (const description of descriptions(doc)) {
        const out = jsdoc({ description, linkBase: MATRIX_SPEC_BASE }, "  ");
        if (out === "") continue;
        seen++;
        assertSafeBlock(out, "  ");
        assert.doesNotMatch(out, /\{\{\s*[%<]/, `${file}: shortcode left in ${JSON.stringify(out)}`);
        assert.doesNotMatch(out, /\]\(\/(?!\/)/, `${file}: relative link left`);
      }
    }
    assert.ok(seen > 100, `expected many descriptions, saw ${seen}`);
  });
});
