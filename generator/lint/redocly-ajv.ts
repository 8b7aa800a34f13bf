// Redocly's example rules (no-invalid-media-type-examples, no-invalid-schema-examples) compile
// each example's schema with one Ajv instance that Redocly makes itself, with Ajv's default code
// optimisation: a pass over every generated function that only makes its text smaller. Each of
// those functions runs on a few examples, once, so the pass costs more than it saves (about a
// tenth of GitHub REST's lint). Redocly offers no option for it; this module makes the instance
// Redocly creates skip the pass. It changes how the code reads, not what it checks.
import { createRequire } from "node:module";

/** What this module touches of `@redocly/ajv/dist/2020`: the class Redocly instantiates. */
interface AjvModule {
  default: new (options?: Record<string, unknown>) => { opts: { code: { optimize?: number | boolean } } };
}

/** Marks the class made here, so that loading this module twice wraps Redocly's class once. */
const UNOPTIMISED = Symbol.for("specgen.redocly-ajv.unoptimised");

/**
 * The module that Redocly's rules load Ajv from: resolved from @redocly/openapi-core's own
 * folder, so that it is the very module object Redocly reads its `default` class from.
 */
function redoclyAjvModule(): AjvModule {
  const fromCore = createRequire(createRequire(import.meta.url).resolve("@redocly/openapi-core"));
  return fromCore("@redocly/ajv/dist/2020") as AjvModule;
}

/**
 * Makes every Ajv that Redocly's rules create from now on compile without the optimisation pass
 * (`code.optimize: 0`). Redocly reads `default` when it first needs its instance, so this must
 * run before the first lint; files.ts calls it when loaded.
 */
export function unoptimisedRedoclyAjv(): void {
  const ajv = redoclyAjvModule();
  const Base = ajv.default;
  if ((Base as unknown as Record<symbol, boolean>)[UNOPTIMISED]) return;
  class Unoptimised extends Base {
    static readonly [UNOPTIMISED] = true;
    constructor(options: Record<string, unknown> = {}) {
      const code = typeof options.code === "object" && options.code !== null ? options.code : {};
      super({ ...options, code: { ...code, optimize: 0 } });
    }
  }
  ajv.default = Unoptimised;
}
