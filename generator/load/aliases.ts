/**
 * YAML aliases: js-yaml shares an aliased node rather than copying it, so a parsed document may
 * be far larger to walk than its text; this bounds how far (see read.ts, parseYaml).
 *
 * @module
 */
import type yaml from "js-yaml";
import { SpecError } from "../errors.js";
import { escapeToken } from "./pointer.js";
import { EVERY_KEY, type Place, walk } from "./walk.js";

/**
 * How many nodes YAML aliases may add to a document. js-yaml shares an aliased node instead of
 * copying it, so a "billion laughs" document parses in microseconds, but any walk over it
 * (Redocly's, ours, JSON.stringify) visits every expanded node.
 */
export const MAX_ALIAS_EXPANSION = 1_000_000;

/**
 * Whether a parsed document may hold one node at two places. Only an alias shares a node, and
 * an alias names an anchor defined before it: a document that defined no anchor needs no
 * expansion check, whose walk over every node costs a large spec about a tenth of a second.
 * js-yaml does not say whether anchors were read; its parse state (given to a `listener`) keeps
 * them in `anchorMap` (js-yaml 4.3; a speculative parse that is undone takes its anchors back,
 * and with them any alias read there). Without that map (another js-yaml), the check runs.
 */
export function mayShareNodes(state: yaml.State | undefined): boolean {
  const anchors = (state as { anchorMap?: unknown } | undefined)?.anchorMap;
  return typeof anchors !== "object" || anchors === null || Object.keys(anchors).length > 0;
}

/** A plain object or array: what a parsed document is made of. */
export const isContainer = (v: unknown): v is object => {
  if (typeof v !== "object" || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Refuses a document whose aliases would expand it by more than MAX_ALIAS_EXPANSION nodes.
 * Each distinct node's expanded size is computed once, when the walk leaves it (the walker
 * enters a shared node once and is iterative, so neither width nor depth can hurt here); the
 * error points at the smallest subtree over the limit, where it is written.
 */
export function checkAliasExpansion(doc: unknown, file: string): void {
  if (!isContainer(doc)) return;
  // Each node's expanded size once left; OPEN while it is entered and not left (it holds the
  // node being entered, or is above it).
  const expanded = new Map<object, number>();
  // Where each node is written: its shortest pointer, not the first one an alias leads to.
  const written = new Map<object, string>();
  let unique = 0;
  let culprit: string | undefined;
  const enter = (place: Place) => {
    if (!isContainer(place.node)) return "skip";
    expanded.set(place.node, OPEN);
    const from = place.pointer();
    forEachEntry(place.node, (k, v) => {
      if (!isContainer(v)) return;
      const at = `${from}/${escapeToken(k)}`;
      if (expanded.get(v) === OPEN)
        throw new SpecError("YAML: an alias refers to a node that contains it", file, undefined, undefined, at);
      const known = written.get(v);
      if (known === undefined || at.length < known.length) written.set(v, at);
    });
  };
  const leave = (place: Place) => {
    if (!isContainer(place.node)) return;
    // The node and its scalars are written once, however often aliases repeat them.
    let size = 1;
    unique += 1;
    forEachEntry(place.node, (_, v) => {
      if (isContainer(v)) size += expanded.get(v)!;
      else {
        size += 1;
        unique += 1;
      }
    });
    // Capped, so that the sums stay exact integers however deep the aliases go.
    size = Math.min(size, MAX_SIZE);
    expanded.set(place.node, size);
    if (culprit === undefined && size > MAX_ALIAS_EXPANSION) culprit = written.get(place.node) ?? place.pointer();
  };
  walk(doc, enter, { ...EVERY_KEY, leave });
  const total = expanded.get(doc)!;
  if (total - unique > MAX_ALIAS_EXPANSION) {
    const count = total >= MAX_SIZE ? "an astronomical number of" : `${total}`;
    throw new SpecError(
      `YAML: aliases expand this document to ${count} nodes from ${unique} written ones ` +
        `(more than ${MAX_ALIAS_EXPANSION} added: an alias bomb?); refusing to read it`,
      file,
      undefined,
      undefined,
      culprit || "/",
    );
  }
}

/** The cap on a node's expanded size, far below where adding sizes stops being exact. */
const MAX_SIZE = Number.MAX_SAFE_INTEGER / 1024;
/** The mark of a node entered and not yet left, in place of its size. */
const OPEN = -1;

/** Calls `f` with each key (an index as a string) and value of an object or array. */
function forEachEntry(node: object, f: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) for (let i = 0; i < node.length; i++) f(String(i), node[i]);
  else for (const key of Object.keys(node)) f(key, (node as Record<string, unknown>)[key]);
}
