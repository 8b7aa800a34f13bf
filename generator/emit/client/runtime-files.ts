// The client runtime as the package ships it: `client/runtime.js` (+ `.d.ts`), the list of the
// runtime's public names, over one module per concept in `client/runtime/`, copied from the
// toolkit's compiled generator/runtime/ (hand-written, unit-tested, never generated).
import { readdirSync, readFileSync } from "node:fs";
import type { OperationModel } from "../../model/types.js";
import { type Code, code, identifier } from "../code.js";
import type { GeneratedFile } from "../file.js";

const RUNTIME_JS = new URL("../../runtime/index.js", import.meta.url);
const RUNTIME_DTS = new URL("../../runtime/index.d.ts", import.meta.url);
const MODULES = new URL("../../runtime/client/", import.meta.url);

/** The runtime's entry imports its modules from `./client/`; the package holds them in `./runtime/`. */
function packagedEntry(url: URL): string {
  const text = readFileSync(url, "utf8");
  const renamed = text.replaceAll(' from "./client/', ' from "./runtime/');
  if (renamed === text || renamed.includes('"./client/')) {
    throw new Error(`${url.pathname}: its imports of ./client/ could not all be renamed`);
  }
  return renamed;
}

/** The files of the client runtime, each headed by `note`: the entry, then the modules in code-unit order. */
export function clientRuntimeFiles(note: string): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: "client/runtime.js", contents: note + packagedEntry(RUNTIME_JS) },
    { path: "client/runtime.d.ts", contents: note + packagedEntry(RUNTIME_DTS) },
  ];
  const modules = readdirSync(MODULES)
    .filter((name) => name.endsWith(".js") || name.endsWith(".d.ts"))
    .sort();
  for (const name of modules) {
    files.push({ path: `client/runtime/${name}`, contents: note + readFileSync(new URL(name, MODULES), "utf8") });
  }
  return files;
}

/** What a spec's stubs import of the request flows, and which one each operation's stub calls. */
export interface RequestFlows {
  imports: Code[];
  callee: (op: OperationModel) => Code;
}

/** The request flows of the runtime a stub may call. */
type Flow = "send" | "sendCached" | "sendNoFollow";

/**
 * The runtime function a stub calls to perform `op`: only the flow it needs, so that a bundle
 * holds the cache or the redirect handling only when one of its operations does.
 */
function requestFlow(op: OperationModel, cached: boolean): Flow {
  if (op.redirect) return "sendNoFollow";
  return cached ? "sendCached" : "send";
}

/**
 * The request flows a spec's stubs call: what the module imports (in code-unit order), and the
 * name each operation's stub calls. An operation may be named like a flow (`send`): then that
 * flow is imported as `send$`, a name no operation has (names.ts makes identifiers without `$`).
 */
export function requestFlows(ops: readonly OperationModel[], cached: ReadonlySet<OperationModel>): RequestFlows {
  const taken = new Set(ops.map((op) => op.name));
  const local = (flow: Flow) => (taken.has(flow) ? `${flow}$` : flow);
  const flows = [...new Set(ops.map((op) => requestFlow(op, cached.has(op))))].sort();
  return {
    imports: flows.map((flow) =>
      local(flow) === flow ? identifier(flow) : code`${identifier(flow)} as ${identifier(local(flow))}`,
    ),
    callee: (op) => identifier(local(requestFlow(op, cached.has(op)))),
  };
}
