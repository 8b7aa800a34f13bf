import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import fc from "fast-check";
import yaml from "js-yaml";

import { type DocParts, jsdoc } from "../generator/emit/comment.js";
import { MATRIX_SPEC_BASE } from "../generator/model/docs.js";
import { assertSafeBlock, OAUTH_DESCRIPTION, tagNames } from "./comment-helpers.js";
import { CORPUS_CS } from "./helpers.js";

// JSDoc blocks from doc parts: sections in a stable order, values as JSON, and one closed comment
// for any text, hostile or from the Matrix corpus. Markdown and escaping: comment-markdown.test.ts.

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
