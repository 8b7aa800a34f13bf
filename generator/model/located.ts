/**
 * Where a model error points: a pointer as a message shows it, and the line and column of that
 * pointer in the file the error names.
 *
 * @module
 */
import type { SpecFile } from "../load/read.js";
import { textLocator } from "../load/locate.js";
import { encodeFragment, formatPointer, PointerSyntaxError, pointerTokens, valueAt } from "../load/pointer.js";
import { SpecError } from "../errors.js";

/** A pointer for an error message: as is, or (holding line breaks or controls) in RFC 6901's URI fragment form. */
export function shownPointer(parts: readonly string[]): string {
  // The root is shown as `/`, as the rest of the toolkit names it in messages.
  const p = formatPointer(parts) || "/";
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(p) ? `#${encodeFragment(p)}` : p;
}

/**
 * `err` with the line and column of its pointer in the text of the file it names (the spec, or
 * one of its overlays: `[name in errors, file]`), when the pointer names a value written there.
 */
export function located(err: unknown, files: ReadonlyArray<readonly [string, SpecFile]>): unknown {
  if (!(err instanceof SpecError) || err.line !== undefined || err.pointer === undefined) return err;
  const file = files.find(([name]) => name === err.file)?.[1];
  if (file === undefined) return err;
  try {
    if (valueAt(file.doc, pointerTokens(err.pointer)) === undefined) return err;
    const at = textLocator(file.path, file.text)(err.pointer);
    return at ? new SpecError(err.message, err.file, at.line, at.col, err.pointer) : err;
  } catch (syntax) {
    // A pointer that is no JSON pointer is shown as it is, without a line.
    if (syntax instanceof PointerSyntaxError) return err;
    throw syntax;
  }
}
