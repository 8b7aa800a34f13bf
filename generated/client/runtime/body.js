/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Reading a response body: whole, under the client's size cap, as JSON (the default) or as
 * bytes; a failure status becomes its typed error, after its declared body is validated.
 *
 * @module
 */
import { HttpError, failureError } from "./errors.js";
import { validate } from "./validate.js";
/** The default of {@link ClientOptions.maxBodyBytes}: 1 MiB. */
const MAX_BODY_BYTES = 2 ** 20;
/** Reads a whole body as chunks, refusing one over `maxBodyBytes` (default 1 MiB). */
async function readChunks(res, c) {
    const max = c.maxBodyBytes ?? MAX_BODY_BYTES;
    const chunks = [];
    if (!res.body)
        return chunks;
    const reader = res.body.getReader();
    let size = 0;
    for (;;) {
        const chunk = await reader.read();
        if (chunk.done)
            return chunks;
        size += chunk.value.length;
        if (size > max) {
            void reader.cancel(); // cannot reject: the stream just delivered a chunk
            throw new HttpError(res.status, "", `body over ${max}`);
        }
        chunks.push(chunk.value);
    }
}
/**
 * Chunks of a body as one UTF-8 text, a byte order mark dropped. Every chunk but the last is
 * decoded with `stream: true`, which keeps a character split between two chunks whole; the last
 * one ends the text, so a one-chunk body (the usual case) takes Node's fast path. Blob's text()
 * gives the same text through an asynchronous read that cost more than the rest of the client.
 */
function utf8Text(chunks) {
    const decoder = new TextDecoder();
    return chunks.map((chunk, i) => decoder.decode(chunk, { stream: i < chunks.length - 1 })).join("");
}
/**
 * Reads a size-capped JSON body; throws the typed error of a non-2xx answer, after checking its
 * body with the operation's validator for the status, if it declares one. (Exported for
 * runtime-media's readMedia.)
 */
export async function readBody(res, c, op) {
    const text = utf8Text(await readChunks(res, c));
    let data;
    try {
        data = text ? JSON.parse(text) : undefined;
    }
    catch {
        // A failure status is the news, whatever its body (a proxy's or Synapse's HTML error page):
        // "not JSON" is said of a 2xx only.
        throw new HttpError(res.status, text, res.ok ? "not JSON" : res.statusText);
    }
    if (res.ok)
        return data;
    if (op)
        validate(c, op, res.status, data);
    throw failureError(res.status, text, data, res.statusText);
}
/**
 * Reads a 2xx body as bytes, a `Blob` of the response's Content-Type, capped at
 * `maxBodyBytes` like a JSON body; a failure status is read as JSON (Matrix
 * errors). Generated descriptors of operations that answer with bytes (media
 * downloads) name it as their `read`, so other bundles leave it out.
 */
export async function readBytes(res, c, op) {
    if (!res.ok)
        return readBody(res, c, op);
    const type = res.headers.get("content-type") ?? "";
    return new Blob((await readChunks(res, c)), { type });
}
