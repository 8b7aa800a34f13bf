/**
 * The documents `specgen validate` checks, read as JSON: a file, standard input (`-`) or, through
 * fetch.ts, a URL. Every failure names the document: a usage error for a file that cannot be
 * read, a finding for text that is not UTF-8 JSON (at its line and column where V8 says).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DocumentError, UsageError } from "./errors.js";

/** A document read: its parsed value and the text it was parsed from (for lines and code frames). */
export interface ReadDocument {
  value: unknown;
  text: string;
}

/** The file name that stands for standard input, and how findings name it. */
export const STDIN = "-";
const STDIN_NAME = "<stdin>";

/** How findings name a document given on the command line. */
export const shown = (file: string) => (file === STDIN ? STDIN_NAME : file);

/** Reads a JSON file as UTF-8 (a BOM is skipped); throws a message naming the file. */
export function readJsonFile(file: string, cwd: string): unknown {
  return readJsonText(file, cwd).value;
}

/** {@link readJsonFile}, with the text it parsed. */
export function readJsonText(file: string, cwd: string): ReadDocument {
  let bytes: Buffer;
  try {
    // File descriptor 0: standard input, read to its end.
    bytes = readFileSync(file === STDIN ? 0 : resolve(cwd, file));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(`${shown(file)}: cannot read: ${why}`);
  }
  return parseJson(bytes, shown(file));
}

/** UTF-8 bytes (a BOM is dropped) parsed as JSON; `file` names them in findings. */
export function parseJson(bytes: Buffer, file: string): ReadDocument {
  let text: string;
  try {
    // `fatal` rejects malformed UTF-8 rather than silently replacing it; the BOM is dropped.
    const options = Object.assign(Object.create(null) as TextDecoderOptions, { fatal: true, ignoreBOM: false });
    text = new TextDecoder("utf-8", options).decode(bytes);
  } catch {
    throw new DocumentError({ file, message: "not valid UTF-8 text" });
  }
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch (err) {
    // V8 quotes the text around the error (line breaks kept: joined here, one problem per line)
    // and often names the offset (`… in JSON at position 42`), shown as a line and column.
    const message = (err as Error).message.replace(/[\r\n\u2028\u2029]+/g, " ");
    const offset = /at position (\d+)/.exec(message);
    const before = offset ? text.slice(0, Number(offset[1])).split("\n") : undefined;
    throw new DocumentError({
      file,
      ...(before && { line: before.length, col: before.at(-1)!.length + 1 }),
      message: `invalid JSON: ${message}`,
    });
  }
}
