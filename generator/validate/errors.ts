/**
 * The two ways `specgen validate` refuses something: a usage error (exit 2, nothing checked) and
 * a document that is no JSON document (one finding; that file is invalid).
 *
 * @module
 */
import type { Finding } from "./types.js";

/** A wrong command line, or a spec or file that cannot be read: exit 2. */
export class UsageError extends Error {}

/** A file that is not a JSON document: one finding, the file is invalid. */
export class DocumentError extends Error {
  constructor(readonly finding: Finding) {
    const place = finding.line !== undefined ? `:${finding.line}:${finding.col}` : "";
    super(`${finding.file}${place}: ${finding.message}`);
  }
}
