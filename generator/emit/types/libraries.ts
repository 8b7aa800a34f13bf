/**
 * openapi-typescript and TypeScript, loaded on first use (a thread that hands every spec to a
 * worker never loads them), through require(), i.e. openapi-typescript's CommonJS build:
 * `import`ing TypeScript's 9 MB CommonJS file from ES modules makes Node scan it twice more
 * (module-syntax detection and named-export parsing), which doubles its load time (0.5 s
 * instead of 0.25 s on a 2-core machine). Node's module cache keeps them once loaded.
 *
 * @module
 */
import { createRequire } from "node:module";
import type * as OpenApiTypeScript from "openapi-typescript";
import type * as TypeScript from "typescript";

const require = createRequire(import.meta.url);

/** The two libraries the types are printed with. */
export interface Libraries {
  ots: typeof OpenApiTypeScript;
  ts: typeof TypeScript;
}

/** openapi-typescript and TypeScript (loaded by the first call, from Node's module cache after it). */
export function libraries(): Libraries {
  return {
    ots: require("openapi-typescript") as typeof OpenApiTypeScript,
    ts: require("typescript") as typeof TypeScript,
  };
}
