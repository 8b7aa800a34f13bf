/**
 * The documentation of the types' copy made ready for readers before openapi-typescript copies
 * it into comments: descriptions, summaries and titles rendered (Matrix shortcodes, absolute
 * links, `@since`, "Changed in") and escaped once, here, through the one comment module.
 *
 * The copy is rewritten in place: the types emitter made it (`structuredClone`) for this and
 * the other rewrites, so one walk that changes each node when it enters it does the job; a
 * copy-on-write transform would copy the document a second time.
 *
 * @module
 */
import { isObject } from "../../load/refs.js";
import { walk } from "../../load/walk.js";
import { escapeCommentLine, escapeCommentText, escapeCommentValue, renderMatrixMarkdown } from "../comment.js";

type Node = Record<string, unknown>;

/** Keywords that constrain values without changing their TypeScript type. */
const VALUE_ONLY = new Set([
  ...["contains", "minContains", "maxContains", "pattern", "minLength", "maxLength"],
  ...["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  ...["minItems", "maxItems", "uniqueItems", "format", "description", "title"],
]);

/** Enum-member descriptions, which openapi-typescript prints as `//` comments (with its `enum` option, issue #1984). */
const ENUM_DESCRIPTIONS = ["x-enum-descriptions", "x-enumDescriptions"];

/**
 * openapi-typescript prints these in comments too, without our escaping: `@default`, `@example`
 * (strings as they are, other values as JSON), `Format: …` and enum descriptions. They only
 * document the types (openapi-typescript reads nothing else from them but whether a default
 * exists), so the copy holds their comment-safe forms; the validators keep the values.
 */
function escapeShownValues(node: Node, linkBase: string | undefined): void {
  for (const key of ["default", "example"]) if (key in node) node[key] = escapeCommentValue(node[key]);
  if (Array.isArray(node.examples)) node.examples = node.examples.map(escapeCommentValue);
  if (typeof node.format === "string") node.format = escapeCommentLine(node.format);
  for (const key of ENUM_DESCRIPTIONS) {
    const list = node[key];
    if (Array.isArray(list))
      node[key] = list.map((d) => (typeof d === "string" ? escapeCommentLine(renderMatrixMarkdown(d, linkBase)) : d));
  }
}

/** The description, summary and title rendered for readers, and the Matrix version notes added to the description. */
function renderProse(node: Node, linkBase: string | undefined): void {
  for (const key of ["description", "summary", "title"]) {
    if (typeof node[key] === "string")
      node[key] = escapeCommentText(renderMatrixMarkdown(node[key] as string, linkBase));
  }
  const extra: string[] = [];
  const changed = node["x-changedInMatrixVersion"];
  if (isObject(changed)) {
    for (const [v, text] of Object.entries(changed))
      extra.push(escapeCommentText(`**Changed in Matrix ${v}:** ${renderMatrixMarkdown(String(text), linkBase)}`));
  }
  const since = node["x-addedInMatrixVersion"];
  // The tag is ours, so it is added after escaping (which would neutralise a leading `@`).
  if (typeof since === "string" || typeof since === "number")
    extra.push(`@since Matrix ${escapeCommentText(String(since))}`);
  if (extra.length) {
    const text = extra.join("\n\n");
    node.description = typeof node.description === "string" ? `${node.description}\n\n${text}` : text;
  }
}

/**
 * `allOf` members that only restrict values (the overlay's "MUST contain" rules) add nothing to
 * the type; openapi-typescript would print them as `& unknown`.
 */
function dropValueOnlyMembers(node: Node): void {
  if (!Array.isArray(node.allOf)) return;
  const kept = node.allOf.filter((m) => !(isObject(m) && Object.keys(m).every((k) => VALUE_ONLY.has(k))));
  if (kept.length) node.allOf = kept;
  else delete node.allOf;
}

/**
 * Rewrites every description/summary/title of the types' copy `document` into reader-ready
 * text, escaped, in place (each object in keyword position once; data and `x-` values are not
 * entered), and returns it.
 */
export function readerDocs<T>(document: T, linkBase: string | undefined): T {
  walk(document, ({ node, names }) => {
    if (names || Array.isArray(node)) return;
    escapeShownValues(node, linkBase);
    renderProse(node, linkBase);
    dropValueOnlyMembers(node);
  });
  return document;
}
