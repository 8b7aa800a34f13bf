/**
 * The check that the printed types are exactly declarations: a comment that ended early would
 * leave spec text outside it, which either fails to parse or adds a statement.
 *
 * @module
 */
import type * as TypeScript from "typescript";
import { SpecError } from "../../errors.js";
import { libraries } from "./libraries.js";

/** Whether the text holds a `//` comment (none is expected: spec text goes into block comments only). */
function hasLineComment(ts: typeof TypeScript, text: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan())
    if (token === ts.SyntaxKind.SingleLineCommentTrivia) return true;
  return false;
}

/**
 * Throws a SpecError naming `source` unless `text` is interfaces and type aliases only. Checked
 * with TypeScript's parser (already loaded by openapi-typescript).
 */
export function assertDeclarationsOnly(text: string, source: string): void {
  const { ts } = libraries();
  // Comments are not parsed as JSDoc (most of the text is comments): only where they end matters.
  const file = ts.createSourceFile(
    "types.d.ts",
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    ts.ScriptKind.TS,
  );
  const parseErrors =
    (file as unknown as { parseDiagnostics?: readonly TypeScript.Diagnostic[] }).parseDiagnostics ?? [];
  const stray = file.statements.find((s) => !ts.isInterfaceDeclaration(s) && !ts.isTypeAliasDeclaration(s));
  const lineComment = !parseErrors.length && !stray && hasLineComment(ts, text);
  if (!parseErrors.length && !stray && !lineComment) return;
  const what = parseErrors.length
    ? ts.flattenDiagnosticMessageText(parseErrors[0]!.messageText, " ")
    : stray
      ? `a ${ts.SyntaxKind[stray.kind]}`
      : "a // comment";
  throw new SpecError(
    `the printed types are not plain declarations (${what}); spec text may have escaped a comment`,
    source,
  );
}
