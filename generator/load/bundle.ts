import { BaseResolver, bundle, createConfig, lint, type Config, type NormalizedProblem } from "@redocly/openapi-core";

let structConfig: Promise<Config> | undefined;

/**
 * Bundles one OpenAPI file with Redocly, keeping `$ref`s (external files become named
 * components), and runs the structural (`struct`) rule as the gate before any emitter.
 */
export async function bundleOpenApi(path: string): Promise<{ document: Record<string, unknown>; problems: NormalizedProblem[] }> {
  structConfig ??= createConfig({ rules: { struct: "error", "no-unresolved-refs": "error" } });
  const config = await structConfig;
  // The lint and the bundle share one resolver, so the file and its refs are parsed once. Not
  // shared across files: bundling rewrites `$ref`s in the resolver's cached documents.
  const resolver = new BaseResolver();
  const problems = (await lint({ ref: path, config, externalRefResolver: resolver })).filter((p) => p.severity === "error");
  const result = await bundle({ ref: path, config, dereference: false, externalRefResolver: resolver });
  problems.push(...result.problems.filter((p) => p.severity === "error"));
  return { document: result.bundle.parsed as Record<string, unknown>, problems };
}
