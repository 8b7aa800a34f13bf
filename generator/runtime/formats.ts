/**
 * The toolkit's own `uri` check, for the Ajv instances it compiles with: ajv-formats' `full`
 * verdict behind the fast path the shipped formats module has too (runtime/fast-uri.ts), so the
 * generated validators and the compile agree.
 *
 * @module
 */
import { fullFormats as ajvFormats } from "ajv-formats/dist/formats.js";
import { fastUri } from "./fast-uri.js";

export { FAST_URI } from "./fast-uri.js";

/** ajv-formats' `full` verdict on `value` as an RFC 3986 URI, usually from the fast path. */
export const uri = fastUri(ajvFormats.uri as (value: string) => boolean);
