/**
 * Identifier rules for everything the generator names (written by hand: the rules are this
 * project's documented contract, see README "Naming").
 * - Type names: PascalCase of the source name; characters outside [A-Za-z0-9] split words.
 * - A leading digit gets a `_` prefix; TypeScript reserved words and names the output
 *   declares itself get a `_` suffix.
 */
const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean number string symbol " +
    "type from of await async unknown never object undefined").split(" "),
);
/** Names the generated modules declare or rely on; a spec name must not shadow them. */
const OUTPUT_NAMES = new Set(["paths", "operations", "components", "webhooks", "$defs", "Record", "Array", "Object", "Promise", "Response", "Error", "Date", "JSON", "Map", "Set", "fetch", "URL"]);

export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return safeIdentifier(joined || "Unnamed");
}

export function camelCase(name: string): string {
  const p = pascalCase(name).replace(/^_/, "");
  return safeIdentifier(p[0]!.toLowerCase() + p.slice(1));
}

export function safeIdentifier(name: string): string {
  let out = /^[0-9]/.test(name) ? `_${name}` : name;
  if (RESERVED.has(out) || OUTPUT_NAMES.has(out)) out = `${out}_`;
  return out;
}

/** `identity_providers` → `identity_provider`: the element name of a plural collection. */
export function singular(name: string): string {
  if (/ies$/.test(name)) return name.slice(0, -3) + "y";
  if (/(ss|us)$/.test(name)) return name;
  return name.replace(/s$/, "");
}

/** Hands out unique names, suffixing `2`, `3`, … on collision and reporting each rename. */
export class NameTable {
  readonly #taken = new Map<string, string>();
  constructor(private readonly warn: (message: string) => void) {}

  claim(wanted: string, source: string): string {
    let name = wanted;
    for (let i = 2; this.#taken.has(name.toLowerCase()); i++) name = `${wanted}${i}`;
    if (name !== wanted) this.warn(`${source}: name ${wanted} is taken by ${this.#taken.get(wanted.toLowerCase())}; using ${name}`);
    this.#taken.set(name.toLowerCase(), source);
    return name;
  }
}
