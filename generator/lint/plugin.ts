import type { UserContext } from "@redocly/openapi-core/lib/walk.js";
import { DocumentStore, isObject } from "../load/refs.js";
import type { RefPolicy } from "../load/policy.js";
import { type Check, exampleCheck, exampleValid } from "./example-valid.js";
import { patternSafe, patternValid } from "./patterns.js";

/**
 * The project's own lint rules, as a Redocly plugin so their problems share Redocly's
 * format, severities and output formats. Rule ids are `specgen/<name>` in redocly.yaml.
 */
type Node = Record<string, unknown>;
type Visitor = Record<
  string,
  { enter?: (node: Node, ctx: UserContext) => void } | ((node: Node, ctx: UserContext) => void)
>;

const VERSION = /^[1-9]\d*\.\d+$/;

/** `x-addedInMatrixVersion: "1.x"` and `x-changedInMatrixVersion: { "1.x": text }` are well-formed. */
function matrixVersion(): Visitor {
  return {
    any: {
      enter(node, ctx) {
        if (!isObject(node)) return;
        if ("x-addedInMatrixVersion" in node) {
          const v = node["x-addedInMatrixVersion"];
          if (typeof v !== "string" || !VERSION.test(v)) {
            const hint = typeof v === "number" ? ` (quote it: YAML reads 1.10 as the number 1.1)` : "";
            const got = `got ${JSON.stringify(v)}${hint}`;
            ctx.report({
              message: `\`x-addedInMatrixVersion\` must be a version string like "1.1", ${got}.`,
              location: ctx.location.child(["x-addedInMatrixVersion"]),
            });
          }
        }
        if ("x-changedInMatrixVersion" in node) {
          const v = node["x-changedInMatrixVersion"];
          if (!isObject(v)) {
            ctx.report({
              message: "`x-changedInMatrixVersion` must map version strings to a description of the change.",
              location: ctx.location.child(["x-changedInMatrixVersion"]),
            });
            return;
          }
          for (const [version, text] of Object.entries(v)) {
            if (!VERSION.test(version) || typeof text !== "string" || text.trim() === "") {
              ctx.report({
                message:
                  `\`x-changedInMatrixVersion\` entries are "1.x": "what changed"; ` +
                  `${JSON.stringify(version)} is not.`,
                location: ctx.location.child(["x-changedInMatrixVersion", version]).key(),
              });
            }
          }
        }
      },
    },
  };
}

/**
 * `specgen/enum-empty`: an `enum: []` allows no value at all. JSON Schema allows it, and
 * `generate` compiles it as the schema `false` (type `never`); it is almost always a mistake in
 * the spec, so lint warns where it stands.
 */
function enumEmpty(): Visitor {
  return {
    Schema: {
      enter(schema, ctx) {
        if (Array.isArray(schema.enum) && schema.enum.length === 0) {
          ctx.report({
            message: "`enum: []` allows no value: nothing can match this schema.",
            location: ctx.location.child(["enum"]),
          });
        }
      },
    },
  };
}

/**
 * Each operation has a success: a 2xx response, or a 3xx whose `Location` header is declared
 * (redirect-only endpoints such as SSO are first-class here, unlike Redocly's operation-2xx-response).
 */
function operationSuccess(): Visitor {
  return {
    Operation: {
      enter(op, ctx) {
        const responses = isObject(op.responses) ? op.responses : {};
        const ok = Object.entries(responses).some(([code, r]) => {
          if (/^2(\d\d|XX)$/.test(code)) return true;
          if (!/^3(\d\d|XX)$/.test(code)) return false;
          const { node } = ctx.resolve<Node>(r as Node);
          const headers = isObject(node) && isObject(node.headers) ? node.headers : {};
          return Object.keys(headers).some((h) => h.toLowerCase() === "location");
        });
        if (!ok) {
          ctx.report({
            message: "Operation has neither a 2xx response nor a 3xx response declaring a `Location` header.",
            location: ctx.location.child(["responses"]).key(),
          });
        }
      },
    },
  };
}

/**
 * The plugin for one run: its `$ref` policy reaches the rules that read files themselves, and
 * `store` (the run's parsed files, under that policy) serves the example check of every document.
 */
export function makeSpecgenPlugin(policy?: RefPolicy, store = new DocumentStore(policy)) {
  let check: Check | undefined;
  const runCheck = (): Check => {
    check ??= exampleCheck(store);
    return check;
  };
  return {
    id: "specgen",
    rules: {
      oas3: {
        "example-valid": () => exampleValid(runCheck()),
        "matrix-version": matrixVersion,
        "operation-success-response": operationSuccess,
        "pattern-valid": patternValid,
        "pattern-safe": patternSafe,
        "enum-empty": enumEmpty,
      },
    },
  };
}

/** Severities of the specgen rules that a Redocly config does not set itself. */
export const SPECGEN_RULE_DEFAULTS = {
  "specgen/example-valid": "error",
  "specgen/matrix-version": "error",
  "specgen/operation-success-response": "error",
  "specgen/pattern-valid": "error",
  "specgen/pattern-safe": "warn",
  "specgen/enum-empty": "warn",
} as const;
