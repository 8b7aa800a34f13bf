/**
 * Response status keys as OpenAPI writes them: exact codes (`404`), ranges (`4XX`, in any case)
 * and `default`.
 *
 * @module
 */

/** A status the runtime can look up exactly (`200`), as opposed to a range (`2XX`) or `default`. */
export const exactStatus = (status: string) => /^[1-5][0-9][0-9]$/.test(status);

/** A failure status (`404`), range (`4XX`, `5xx`) or `default`: what the client throws a typed error for. */
export const errorStatus = (status: string) => /^[45]([0-9][0-9]|XX)$/i.test(status) || status === "default";
