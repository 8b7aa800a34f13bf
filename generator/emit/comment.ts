/**
 * The only place where generated code gets doc comments: one module per concept in comment/
 * (escape.ts, json.ts, matrix-markdown.ts, jsdoc.ts), re-exported here.
 *
 * Spec text (descriptions, summaries, titles, examples, defaults) is
 * untrusted: it must never be able to end the comment, add lines that are
 * outside it, or pass itself off as a JSDoc tag. Every piece goes through
 * {@link escapeCommentText}, and {@link jsdoc} assembles the block.
 *
 * Everything here is plain string work, so the output is the same on every
 * machine (no locale-dependent calls).
 */
export { escapeCommentLine, escapeCommentText, escapeCommentValue } from "./comment/escape.js";
export { type DocParts, docComment, jsdoc } from "./comment/jsdoc.js";
export { renderMatrixMarkdown } from "./comment/matrix-markdown.js";
