import { BaseResolver, bundle, createConfig, lint, makeDocumentFromString, type Config, type NormalizedProblem } from "@redocly/openapi-core";

let structConfig: Promise<Config> | undefined;

/**
 * Bundles one OpenAPI file with Redocly, keeping `$ref`s (external files become named
 * components), and runs the structural (`struct`) rule as the gate before any emitter.
 * With `overlaid` (the document after its overlays), the file itself is gated (so problems
 * point at its real lines) and the overlaid document is gated and bundled in its place.
 */
export async function bundleOpenApi(
  path: string,
  overlaid?: unknown,
): Promise<{ document: Record<string, unknown>; problems: NormalizedProblem[]; files: string[] }> {
  structConfig ??= createConfig({ rules: { struct: "error", "no-unresolved-refs": "error" } });
  const config = await structConfig;
  // The lint and the bundle share one resolver, so the file and its refs are parsed once. Not
  // shared across files: bundling rewrites `$ref`s in the resolver's cached documents.
  const resolver = new BaseResolver();
  const problems = (await lint({ ref: path, config, externalRefResolver: resolver })).filter((p) => p.severity === "error");
  if (problems.length) return { document: {}, problems, files: [] };
  let doc;
  if (overlaid !== undefined) {
    doc = makeDocumentFromString(JSON.stringify(overlaid, null, 1), path);
    resolver.cache.set(path, Promise.resolve(doc));
    problems.push(...(await lint({ ref: path, config, externalRefResolver: resolver })).filter((p) => p.severity === "error"));
  }
  const result = await bundle({ ...(doc ? { doc } : { ref: path }), config, dereference: false, externalRefResolver: resolver });
  problems.push(...result.problems.filter((p) => p.severity === "error"));
  return { document: result.bundle.parsed as Record<string, unknown>, problems, files: [...result.fileDependencies] };
}
