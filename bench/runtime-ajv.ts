// Ajv compiling at run time, the anchor of the validator rows: the toolkit's own Ajv set-up
// (createAjv) with what it compiles evaluated. The emitter hands Ajv a stand-in instead of each
// compiled function (Ajv's `code.process` hook, generator/emit/validators/options.ts), because it
// only prints Ajv's code; a bench that runs the functions must turn that hook off.
import { createAjv, type CompiledSpec } from "../generator/emit/validators/ajv.js";

export function runtimeAjv(...args: Parameters<typeof createAjv>): CompiledSpec {
  const compiled = createAjv(...args);
  delete compiled.ajv.opts.code.process;
  return compiled;
}
