import { api, atRef, bomb, type Case, caseSuite, oneGen, oneLint, readError, useLoopback } from "./input-helpers.js";

/**
 * Untrusted specs (issue 7), broken documents: YAML and document errors, in the file given and in
 * a file it references, and invalid or dangerous regexes. Each is one clear error (file, line),
 * never a stack trace, and nothing is written or fetched. Every case runs `lint` and `generate`
 * through the CLI (see caseSuite). The `$ref` policy: hostile-refs.test.ts.
 */

const loopback = useLoopback();

const CASES: Case[] = [
  // --- YAML and document errors, in the file given and in a file it references
  {
    name: "a YAML syntax error",
    files: { "specs/api.yaml": "openapi: 3.1.0\ninfo: {title: [unclosed\n" },
    lint: { status: 1, match: [/api\.yaml:3:1/, /spec-read/, /YAML: /, oneLint] },
    generate: readError("api\\.yaml", /YAML: /),
  },
  {
    name: "a YAML syntax error in a referenced file",
    files: { "specs/api.yaml": api("$ref: ./frag.yaml"), "specs/frag.yaml": "type: [object\n" },
    target: "specs/api.yaml",
    lint: { status: 1, match: [/Can't resolve \$ref: .*frag\.yaml:2:1: YAML: /, atRef, oneLint] },
    generate: { status: 1, match: [/frag\.yaml:2:1: YAML: /, atRef, oneGen] },
  },
  {
    name: "a duplicate key",
    files: {
      "specs/api.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ninfo: {title: u, version: '1'}\npaths: {}\n",
    },
    lint: { status: 1, match: [/api\.yaml:3:1/, /YAML: duplicated mapping key/, oneLint] },
    generate: readError("api\\.yaml", /YAML: duplicated mapping key/),
  },
  {
    name: "a duplicate key in a referenced file",
    files: { "specs/api.yaml": api("$ref: ./frag.yaml"), "specs/frag.yaml": "type: object\ntype: string\n" },
    target: "specs/api.yaml",
    lint: { status: 1, match: [/frag\.yaml:2:1: YAML: duplicated mapping key/, atRef, oneLint] },
    generate: { status: 1, match: [/frag\.yaml:2:1: YAML: duplicated mapping key/, atRef, oneGen] },
  },
  {
    name: "a !!js/function tag",
    files: { "specs/api.yaml": api("type: object", 'x-f: !!js/function "function () { return 1 }"\n') },
    lint: { status: 1, match: [/api\.yaml:14:\d+/, /custom tag !!js\/function is not allowed/, oneLint] },
    generate: readError("api\\.yaml", /YAML: custom tag !!js\/function is not allowed/),
  },
  {
    name: "a !!python/object tag in a referenced file",
    files: {
      "specs/api.yaml": api("$ref: ./frag.yaml"),
      "specs/frag.yaml": "type: object\nx: !!python/object:os.system {}\n",
    },
    target: "specs/api.yaml",
    lint: {
      status: 1,
      match: [/frag\.yaml:2:\d+: YAML: custom tag !!python\/object:os\.system is not allowed/, atRef, oneLint],
    },
    generate: { status: 1, match: [/custom tag !!python\/object:os\.system is not allowed/, atRef, oneGen] },
  },
  {
    name: "an alias bomb",
    files: { "specs/api.yaml": bomb("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n") },
    lint: {
      status: 1,
      match: [
        /api\.yaml:11:\d+/,
        /aliases expand this document to an astronomical number of nodes .*alias bomb/,
        oneLint,
      ],
    },
    generate: {
      status: 2,
      match: [/^specgen: [^\n]*api\.yaml: YAML: aliases expand this document [^\n]*\(at \/x-bomb\/a6\)\n$/],
    },
  },
  {
    name: "an alias bomb in a referenced file",
    files: { "specs/api.yaml": api("$ref: ./frag.yaml"), "specs/frag.yaml": bomb("type: object\n") },
    target: "specs/api.yaml",
    lint: {
      status: 1,
      match: [/Can't resolve \$ref: .*frag\.yaml: YAML: aliases expand this document/, atRef, oneLint],
    },
    generate: { status: 1, match: [/frag\.yaml: YAML: aliases expand this document/, atRef, oneGen] },
  },
  {
    name: "nesting past 1,200 levels",
    files: {
      "specs/api.yaml":
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n" +
        `x-deep: ${"[".repeat(1300)}${"]".repeat(1300)}\n`,
    },
    lint: { status: 1, match: [/api\.yaml:4:\d+/, /YAML: nested deeper than 1200 levels/, oneLint] },
    generate: readError("api\\.yaml", /YAML: nested deeper than 1200 levels/),
  },
  {
    name: "an empty file",
    files: { "specs/api.yaml": "" },
    lint: { status: 1, match: [/api\.yaml:1:1/, /the file is empty/, oneLint] },
    generate: readError("api\\.yaml", /the file is empty/),
  },
  {
    name: "a list at the top level",
    files: { "specs/api.yaml": "- openapi\n- 3.1.0\n" },
    lint: { status: 1, match: [/expected a mapping at the top level, found a list/, oneLint] },
    generate: readError("api\\.yaml", /expected a mapping at the top level, found a list/),
  },
  {
    name: "a scalar at the top level",
    files: { "specs/api.yaml": "just text\n" },
    lint: { status: 1, match: [/expected a mapping at the top level, found string/, oneLint] },
    generate: readError("api\\.yaml", /expected a mapping at the top level, found string/),
  },
  {
    name: "Swagger 2.0",
    files: { "specs/api.yaml": "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n" },
    lint: { status: 1, match: [/Swagger 2\.0 is not supported: convert it to OpenAPI 3\.x first/, oneLint] },
    generate: readError("api\\.yaml", /Swagger 2\.0 is not supported/),
  },
  {
    name: "an unknown OpenAPI version",
    files: { "specs/api.yaml": "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n" },
    lint: { status: 1, match: [/unsupported OpenAPI version "4\.0\.0" \(3\.0\.x and 3\.1\.x are read\)/, oneLint] },
    generate: readError("api\\.yaml", /unsupported OpenAPI version "4\.0\.0"/),
  },

  // --- regexes
  {
    name: "an invalid pattern",
    files: {
      "specs/api.yaml": api(
        '$ref: "#/components/schemas/Handle"',
        'components:\n  schemas:\n    Handle:\n      type: string\n      pattern: "([a-z]"\n',
      ),
    },
    lint: {
      status: 1,
      match: [
        /specgen\/pattern-valid/,
        /Invalid regular expression in `pattern` of schema Handle: "\(\[a-z\]" \(.*Unterminated group\)/,
        /api\.yaml:18:\d+/,
        oneLint,
      ],
    },
    generate: {
      status: 1,
      match: [/Invalid regular expression in `pattern` of schema Handle/, /api\.yaml:18:\d+/, oneGen],
    },
  },
  {
    name: "an invalid patternProperties key in a bare JSON Schema",
    files: { "specs/handle.yaml": 'type: object\npatternProperties:\n  "^(x": {type: string}\n' },
    lint: {
      status: 1,
      match: [
        /specgen\/pattern-valid/,
        /a `patternProperties` key of the schema at \/: "\^\(x"/,
        /handle\.yaml:3:\d+/,
        oneLint,
      ],
    },
    generate: { status: 1, match: [/specgen\/pattern-valid|Invalid regular expression/, /handle\.yaml:3:\d+/, oneGen] },
  },
  {
    name: "a pattern prone to catastrophic backtracking (a warning)",
    files: { "specs/api.yaml": api('type: string\npattern: "^(a+)+$"') },
    lint: {
      status: 0,
      match: [
        /specgen\/pattern-safe/,
        /"\^\(a\+\)\+\$" of the schema at .* may backtrack catastrophically: `a \(exponential backtracking\)`/,
        /0 error\(s\), 1 warning\(s\)/,
      ],
    },
  },
];

caseSuite(CASES, loopback);
