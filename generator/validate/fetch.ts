/**
 * A document `specgen validate` fetches (`specgen validate spec#op https://…`, to check a live
 * server): one GET, bounded in time and size. A failure is a finding about the URL, never an
 * exception: a network error, an answer too large, or a failure status with what the server
 * said about it.
 *
 * @module
 */
import { isObject } from "../load/refs.js";
import { DocumentError } from "./errors.js";
import { parseJson, type ReadDocument } from "./read.js";
import type { Finding } from "./types.js";

/** Most bytes read from a URL: an OAuth metadata document is a few kilobytes. */
const MAX_FETCHED = 10 << 20;

/** Most bytes of an error answer read for its Matrix error body: `{"errcode", "error"}` is short. */
const MAX_ERROR_BODY = 64 << 10;

/** GETs a JSON document; a failure is a finding about the URL. */
export async function fetchJsonText(url: string): Promise<ReadDocument> {
  let body: Buffer | undefined;
  try {
    // Options with no prototype: a polluted Object.prototype (`method`, `body`, `redirect`, …)
    // cannot change the request.
    const headers = Object.assign(Object.create(null) as Record<string, string>, { accept: "application/json" });
    const init = Object.assign(Object.create(null) as RequestInit, { headers, signal: AbortSignal.timeout(30_000) });
    const res = await fetch(url, init);
    if (!res.ok) throw new DocumentError(await httpFailure(url, res));
    body = await readCapped(res, MAX_FETCHED);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    // undici's "fetch failed" says why in its cause: a code (ECONNREFUSED) or a message ("bad
    // port"); a timeout, while connecting or reading, is a TimeoutError.
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new DocumentError({ file: url, message: `cannot fetch: ${why}` });
  }
  if (body === undefined) throw new DocumentError({ file: url, message: `the answer is over ${MAX_FETCHED} bytes` });
  return parseJson(body, url);
}

/** An answer's body, or undefined (and the rest cancelled) once it is over `max` bytes. */
async function readCapped(res: Response, max: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const chunk = await reader.read();
    if (chunk.done) break;
    size += chunk.value.length;
    if (size > max) {
      void reader.cancel();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

/**
 * The finding for a URL that answered a failure status: the status first, then the Matrix
 * error's `errcode` and `error` when the body is one (`HTTP 404 Not Found: M_UNRECOGNIZED:
 * Unrecognized request`), so an operator sees what the server said. Any other body (an HTML
 * error page) is left out.
 */
async function httpFailure(url: string, res: Response): Promise<Finding> {
  const finding: Finding = { file: url, message: `HTTP ${res.status} ${res.statusText}`.trim(), status: res.status };
  try {
    const bytes = await readCapped(res, MAX_ERROR_BODY);
    if (bytes === undefined) return finding;
    const body = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (isObject(body) && typeof body.errcode === "string") {
      const error = typeof body.error === "string" ? body.error : undefined;
      finding.message += `: ${body.errcode}${error !== undefined ? `: ${error}` : ""}`;
      finding.errcode = body.errcode;
      if (error !== undefined) finding.error = error;
    }
  } catch {
    // Not JSON, or cut off: the status alone is the finding.
  }
  return finding;
}
