// Shared by the `specgen validate` CLI tests (validate-cli, validate-io): the specs and corpus
// files they check, and what a problem from the project's overlay rules looks like.
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import yaml from "js-yaml";
import { loadProjectConfig } from "../generator/config.js";
import { ROOT, SHARED } from "./helpers.js";

export const AUTH = "specs/client-server/auth_metadata.yaml";
export const FLOW = "specs/client-server/definitions/sso_login_flow.yaml";
/** A file of the auth-metadata corpus, relative to the repository root. */
export const corpus = (file: string) => relative(ROOT, join(SHARED, "corpus/auth-metadata", file));
/** Whether the project's config applies the overlay of prose rules to the auth_metadata spec. */
export const PROSE_RULES_ON = (loadProjectConfig(ROOT).overlays[AUTH] ?? []).length > 0;
/** The non-empty lines of `text`. */
export const lines = (text: string) => text.split("\n").filter((l) => l !== "");
/** What `specgen validate` appends to a problem from action `i` of the project's overlay. */
export const cites = (i: number): string => {
  const overlay = yaml.load(readFileSync(join(ROOT, "specs/overlays/auth_metadata.must.yaml"), "utf8")) as {
    actions: Array<{ description: string }>;
  };
  return ` (overlay rule: ${overlay.actions[i]!.description} [specs/overlays/auth_metadata.must.yaml#/actions/${i}])`;
};

/** A valid identity provider document in `dir`. */
export function corpusIdp(dir: string): string {
  const file = join(dir, "idp.json");
  writeFileSync(file, JSON.stringify({ id: "com.example.idp.github", name: "GitHub" }));
  return file;
}

/** A spec with one operation, getA, whose 200 answer is JSON with `schema` (inline YAML); `extra` follows it. */
export function oneOperation(schema: string, extra = ""): string {
  const head = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      operationId: getA\n';
  const response = '      responses:\n        "200":\n          description: ok\n          content:\n';
  return `${head}${response}            application/json:\n              schema: ${schema}\n${extra}`;
}
