/**
 * The client's entry (`client/index.js` and `.d.ts`): the runtime's public names, every spec's
 * stubs re-exported by name, and `createClient` binding them all to one client. Where two specs
 * name an operation alike, the first keeps the name and a warning says so.
 *
 * @module
 */
import type { OperationModel, SpecModel } from "../../model/types.js";
import type { GeneratedFile } from "../file.js";
import { banner, relativeImport } from "../module.js";
import { errorBodies, hasParams, q } from "./operation.js";

/** An operation `createClient` binds, with the alias of its spec's module (`m0`). */
interface Entry {
  spec: SpecModel;
  op: OperationModel;
  alias: string;
}

/** The operations `createClient` binds: the first of each name, in spec order. */
function entries(specs: readonly SpecModel[], warnings: string[]): Entry[] {
  const taken = new Map<string, string>();
  const out: Entry[] = [];
  specs.forEach((spec, i) => {
    for (const op of spec.operations) {
      const prior = taken.get(op.name);
      if (prior) {
        warnings.push(
          `${spec.source}: operation ${op.name} is also in ${prior}; ` +
            "createClient() keeps the first, import the other from its module",
        );
        continue;
      }
      taken.set(op.name, spec.source);
      out.push({ spec, op, alias: `m${i}` });
    }
  });
  return out;
}

/**
 * Named re-exports of the kept functions only: `export *` of two modules sharing a name would
 * make it ambiguous (and a type error in the declarations). A declaration file also re-exports
 * the `<Op>Error` types.
 */
function reexports(specs: readonly SpecModel[], kept: readonly Entry[], from: string): string[] {
  const guards = (op: OperationModel) =>
    errorBodies(op).length ? [`is${op.typeName}Error`, ...(from.endsWith(".d.ts") ? [`${op.typeName}Error`] : [])] : [];
  return specs.flatMap((s) => {
    const names = kept
      .filter((e) => e.spec === s)
      .flatMap(({ op }) => [op.name, ...(op.redirect ? [`${op.name}Url`] : []), ...guards(op)]);
    return names.length
      ? [`export { ${names.join(", ")} } from ${q(relativeImport(from, `client/${s.module}.js`))};`]
      : [];
  });
}

/** The runtime's classes and helpers, re-exported by both entry files. */
const RUNTIME_EXPORTS =
  "export { HttpError, MatrixError, ResponseValidationError, createMemoryCache, withHooks } " + 'from "./runtime.js";';

/** `client/index.js`. */
function indexJs(specs: readonly SpecModel[], kept: readonly Entry[]): string {
  const members = kept.flatMap(({ op, alias }) => {
    const args = hasParams(op) ? "params, init" : "init";
    const out = [`    ${op.name}: (${args}) => ${alias}.${op.name}(client, ${args}),`];
    if (op.redirect) out.push(`    ${op.name}Url: (params) => ${alias}.${op.name}Url(client, params),`);
    return out;
  });
  const lines = [
    banner(null).trimEnd(),
    `import { createClient as createRuntimeClient } from "./runtime.js";`,
    ...specs.map((s, i) => `import * as m${i} from ${q(relativeImport("client/index.js", `client/${s.module}.js`))};`),
    RUNTIME_EXPORTS,
    ...reexports(specs, kept, "client/index.js"),
    "",
    "/** One client for every operation; options as in the runtime's `ClientOptions`. */",
    "export function createClient(options) {",
    "  const client = createRuntimeClient(options);",
    "  return {",
    ...members,
    "  };",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

/** `client/index.d.ts`. */
function indexDts(specs: readonly SpecModel[], kept: readonly Entry[]): string {
  const members = kept.flatMap(({ op, alias }) => {
    const out = [`  ${op.name}: OmitClient<typeof ${alias}.${op.name}>;`];
    if (op.redirect) out.push(`  ${op.name}Url: OmitClient<typeof ${alias}.${op.name}Url>;`);
    return out;
  });
  const from = (s: SpecModel) => q(relativeImport("client/index.d.ts", `client/${s.module}.js`));
  const lines = [
    banner(null).trimEnd(),
    `import type { ClientOptions } from "./runtime.js";`,
    ...specs.map((s, i) => `import type * as m${i} from ${from(s)};`),
    RUNTIME_EXPORTS,
    `export type { Cache, CacheEntry, CallOptions, ClientOptions, Hooks, RedirectResult, Result } from "./runtime.js";`,
    ...reexports(specs, kept, "client/index.d.ts"),
    "",
    "/** A stub with its first (client) parameter bound. */",
    "type OmitClient<F> = F extends (client: any, ...rest: infer A) => infer R ? (...args: A) => R : never;",
    "",
    "export interface SpecClient {",
    ...members,
    "}",
    "",
    "/** One client for every operation, sharing options, headers and the discovery cache. */",
    "export declare function createClient(options: ClientOptions): SpecClient;",
  ];
  return `${lines.join("\n")}\n`;
}

/** `client/index.js` and `client/index.d.ts` over the specs that have operations. */
export function indexFiles(specs: readonly SpecModel[], warnings: string[]): GeneratedFile[] {
  const kept = entries(specs, warnings);
  return [
    { path: "client/index.js", contents: indexJs(specs, kept) },
    { path: "client/index.d.ts", contents: indexDts(specs, kept) },
  ];
}
