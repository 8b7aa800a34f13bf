/**
 * The client's entry (`client/index.js` and `.d.ts`): the runtime's public names, every spec's
 * stubs re-exported by name, and `createClient` binding them all to one client. Where two specs
 * name an operation alike, the first keeps the name and a warning says so.
 *
 * @module
 */
import type { OperationModel, SpecModel } from "../../model/types.js";
import { type Code, code, type Identifier, identifier, list } from "../code.js";
import type { GeneratedFile } from "../file.js";
import { banner, relativeImport } from "../module.js";
import { errorBodies, hasParams } from "./operation.js";

/** An operation `createClient` binds, with the alias of its spec's module (`m0`). */
interface Entry {
  spec: SpecModel;
  op: OperationModel;
  alias: Identifier;
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
      out.push({ spec, op, alias: identifier(`m${i}`) });
    }
  });
  return out;
}

/**
 * Named re-exports of the kept functions only: `export *` of two modules sharing a name would
 * make it ambiguous (and a type error in the declarations). A declaration file also re-exports
 * the `<Op>Error` types.
 */
function reexports(specs: readonly SpecModel[], kept: readonly Entry[], from: string): Code[] {
  const guards = (op: OperationModel) =>
    errorBodies(op).length ? [`is${op.typeName}Error`, ...(from.endsWith(".d.ts") ? [`${op.typeName}Error`] : [])] : [];
  return specs.flatMap((s) => {
    const names = kept
      .filter((e) => e.spec === s)
      .flatMap(({ op }) => [op.name, ...(op.redirect ? [`${op.name}Url`] : []), ...guards(op)]);
    const path = relativeImport(from, `client/${s.module}.js`);
    return names.length ? [code`export { ${list(names.map(identifier))} } from ${path};`] : [];
  });
}

/** The runtime's classes and helpers, re-exported by both entry files. */
const RUNTIME_NAMES = code`HttpError, MatrixError, ResponseValidationError, createMemoryCache, withHooks`;
const RUNTIME_EXPORTS = code`export { ${RUNTIME_NAMES} } from ${"./runtime.js"};`;

/** A generated file's text: the banner (a doc comment the comment escaper made safe), then the code lines. */
const fileText = (lines: readonly Code[]): string => `${banner(null)}${list(lines, "\n")}\n`;

/** `import * as m0 from "./petstore.js";` per spec, in `from` (`type` in a declaration file). */
const specImports = (specs: readonly SpecModel[], from: string, kind: Code): Code[] =>
  specs.map(
    (s, i) => code`import ${kind}* as ${identifier(`m${i}`)} from ${relativeImport(from, `client/${s.module}.js`)};`,
  );

/** `client/index.js`. */
function indexJs(specs: readonly SpecModel[], kept: readonly Entry[]): string {
  const members = kept.flatMap(({ op, alias }) => {
    const name = identifier(op.name);
    const args = hasParams(op) ? code`params, init` : code`init`;
    const out = [code`    ${name}: (${args}) => ${alias}.${name}(client, ${args}),`];
    const url = identifier(`${op.name}Url`);
    if (op.redirect) out.push(code`    ${url}: (params) => ${alias}.${url}(client, params),`);
    return out;
  });
  return fileText([
    code`import { createClient as createRuntimeClient } from ${"./runtime.js"};`,
    ...specImports(specs, "client/index.js", code``),
    RUNTIME_EXPORTS,
    ...reexports(specs, kept, "client/index.js"),
    code``,
    code`/** One client for every operation; options as in the runtime's \`ClientOptions\`. */`,
    code`export function createClient(options) {`,
    code`  const client = createRuntimeClient(options);`,
    code`  return {`,
    ...members,
    code`  };`,
    code`}`,
  ]);
}

/** `client/index.d.ts`. */
function indexDts(specs: readonly SpecModel[], kept: readonly Entry[]): string {
  const members = kept.flatMap(({ op, alias }) => {
    const name = identifier(op.name);
    const url = identifier(`${op.name}Url`);
    const out = [code`  ${name}: OmitClient<typeof ${alias}.${name}>;`];
    if (op.redirect) out.push(code`  ${url}: OmitClient<typeof ${alias}.${url}>;`);
    return out;
  });
  const types = code`Cache, CacheEntry, CallOptions, ClientOptions, Hooks, RedirectResult, Result`;
  return fileText([
    code`import type { ClientOptions } from ${"./runtime.js"};`,
    ...specImports(specs, "client/index.d.ts", code`type `),
    RUNTIME_EXPORTS,
    code`export type { ${types} } from ${"./runtime.js"};`,
    ...reexports(specs, kept, "client/index.d.ts"),
    code``,
    code`/** A stub with its first (client) parameter bound. */`,
    code`type OmitClient<F> = F extends (client: any, ...rest: infer A) => infer R ? (...args: A) => R : never;`,
    code``,
    code`export interface SpecClient {`,
    ...members,
    code`}`,
    code``,
    code`/** One client for every operation, sharing options, headers and the discovery cache. */`,
    code`export declare function createClient(options: ClientOptions): SpecClient;`,
  ]);
}

/** `client/index.js` and `client/index.d.ts` over the specs that have operations. */
export function indexFiles(specs: readonly SpecModel[], warnings: string[]): GeneratedFile[] {
  const kept = entries(specs, warnings);
  return [
    { path: "client/index.js", contents: indexJs(specs, kept) },
    { path: "client/index.d.ts", contents: indexDts(specs, kept) },
  ];
}
