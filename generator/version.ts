/** The toolkit's version; part of the generated output's cache key. Keep in step with package.json. */
export const VERSION = "0.1.0";
