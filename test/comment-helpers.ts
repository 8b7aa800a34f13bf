// Shared by the comment tests (comment-markdown, comment): a real Matrix description, and the
// checks that a JSDoc block is one safe comment.
import assert from "node:assert/strict";
import ts from "typescript";

/** The description of the Matrix auth_metadata operation, with its note box. */
export const OAUTH_DESCRIPTION = `Gets the OAuth 2.0 authorization server metadata, as defined in
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
export function tagNames(comment: string): string[] {
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
export function assertSafeBlock(out: string, indent = ""): void {
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
