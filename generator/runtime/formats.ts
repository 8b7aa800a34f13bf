/**
 * The toolkit's own `uri` and `date-time` checks, for the Ajv instances it compiles with:
 * ajv-formats' `full` verdicts behind the fast paths the shipped formats module has too
 * (runtime/fast-uri.ts, runtime/fast-date-time.ts), so the generated validators and the compile agree.
 *
 * @module
 */
import { fullFormats as ajvFormats } from "ajv-formats/dist/formats.js";
import { type DateTimeFormat, withFastDateTime } from "./fast-date-time.js";
import { fastUri } from "./fast-uri.js";

export { FAST_URI } from "./fast-uri.js";
export { FAST_DATE_TIME, fastDateTime } from "./fast-date-time.js";

/** ajv-formats' `full` verdict on `value` as an RFC 3986 URI, usually from the fast path. */
export const uri = fastUri(ajvFormats.uri as (value: string) => boolean);

/** ajv-formats' `full` date-time definition, its check behind the fast path. */
export const DATE_TIME_FORMAT = withFastDateTime(ajvFormats["date-time"] as DateTimeFormat);

/** ajv-formats' `full` verdict on `value` as an RFC 3339 date-time, usually from the fast path. */
export const checkDateTime = DATE_TIME_FORMAT.validate;

/** ajv-formats' `full` formats with these two checks, as the shipped formats module exports them. */
export const fullFormats = { ...ajvFormats, uri, "date-time": DATE_TIME_FORMAT };
