// Shared by the property tests (property-*.test.ts), checked with fast-check: their run counts,
// the hostile text they draw names and comments from, and what "one comment that runs nothing" means.
import fc from "fast-check";
import ts from "typescript";
import { OUTPUT_NAMES, RESERVED } from "../generator/model/names.js";
import { LONG_TESTS } from "./helpers.js";

// Fewer runs in `npm test`; `npm run test:long` (run by CI) sets SPECGEN_LONG_TESTS for the full counts.
export const RUNS = LONG_TESTS ? 1000 : 250;
declare global {
  var __pwned: unknown;
}
const PAYLOAD = "globalThis.__pwned = 1";

/** Text of any kind, with the characters that matter for names and comments made likely. */
export const hostileText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "*/",
          "/*",
          "*",
          "/",
          "\u2028",
          "\u2029",
          "\r",
          "\n",
          "\r\n",
          "\u0085",
          "@",
          "`",
          "${",
          "}",
          '"',
          "'",
          "\\",
          "<script>",
          PAYLOAD,
          "{{% boxes/note %}}",
          "{{% /boxes/note %}}",
          '{{< added-in v="1.1" >}}',
          "\u202e",
          "\ud800",
          "1",
          " ",
          "-",
          "_",
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          ...RESERVED,
          ...OUTPUT_NAMES,
          "__proto__",
          "constructor",
          "toString",
          "Foo-Bar",
          "Foo_Bar",
          "FooBar",
        ),
      },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

/** Whether `block` is exactly one comment (and whitespace), by TypeScript's scanner. */
export function singleComment(block: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, block);
  const tokens: ts.SyntaxKind[] = [];
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t !== ts.SyntaxKind.NewLineTrivia && t !== ts.SyntaxKind.WhitespaceTrivia) tokens.push(t);
  }
  return tokens.length === 1 && tokens[0] === ts.SyntaxKind.MultiLineCommentTrivia;
}

/** Whether running `block` as code returns normally and runs no payload. */
export function runsNothing(block: string): boolean {
  const result = (new Function(`${block}\nreturn 1`) as () => unknown)();
  return result === 1 && globalThis.__pwned === undefined;
}
