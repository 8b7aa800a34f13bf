import { OUTPUT_KINDS } from "./config-kinds.js";

/**
 * The JSON Schema of `specgen.config.json`, published as `specgen.config.schema.json` (editors
 * complete and check a config that names it in `$schema`) and compiled at build time into the
 * validator `loadProjectConfig` runs (scripts/bundle-runtime.ts), so a misspelt key is an error.
 */
const paths = { type: "array", items: { type: "string" } } as const;

export const CONFIG_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "specgen.config.json",
  description: "Settings of specgen lint and generate, in the working directory; every field is optional.",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string", description: "This schema, for editors." },
    specs: { type: "string", description: "Folder (or file) of specs, relative to the config file. Default `specs`." },
    out: { type: "string", description: "Output folder, relative to the config file. Default `generated`." },
    overlays: {
      type: "object",
      description: "OpenAPI Overlay files per spec (paths relative to the config file), applied before generation.",
      additionalProperties: paths,
    },
    emit: {
      type: "array",
      description: "Output kinds (default all; `client` implies `validators`, which implies `types`).",
      items: { enum: [...OUTPUT_KINDS] },
    },
    package: {
      type: "object",
      description: "The generated package's name, version and licence.",
      additionalProperties: false,
      properties: { name: { type: "string" }, version: { type: "string" }, license: { type: "string" } },
    },
    allowRemoteRefs: { type: "boolean", description: "Fetch http(s) `$ref`s when generating. Default false." },
    allowUnsafePatterns: {
      type: "boolean",
      description:
        "Generate validators for regexes prone to catastrophic backtracking (a warning each). Default false: refused.",
    },
    cache: { ...paths, description: "Operations (by operationId) whose answers the generated client may cache." },
  },
} as const;
