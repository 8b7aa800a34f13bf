/**
 * The only place where generated code gets doc comments: {@link jsdoc} assembles the block from
 * pieces that each went through escape.ts (spec text is untrusted).
 */
import { blockComment, type Code } from "../code.js";
import { escapeCommentText, oneLine } from "./escape.js";
import { commentJson } from "./json.js";
import { renderMatrixMarkdown } from "./matrix-markdown.js";

/** What can be said about one operation, schema or property. */
export interface DocParts {
  readonly title?: string | undefined;
  readonly summary?: string | undefined;
  /** Where site-relative links in the prose point (see {@link renderMatrixMarkdown}); none: left as written. */
  readonly linkBase?: string | undefined;
  /** Rendered with {@link renderMatrixMarkdown}. */
  readonly description?: string | undefined;
  readonly deprecated?: boolean | undefined;
  /** From `x-addedInMatrixVersion`, e.g. `"1.1"` → `@since Matrix 1.1`. */
  readonly since?: string | undefined;
  /** From `x-changedInMatrixVersion`, e.g. `{"1.6": "text"}`. */
  readonly changed?: Readonly<Record<string, string>> | undefined;
  readonly format?: string | undefined;
  readonly pattern?: string | undefined;
  /** Shown as JSON. `undefined` means "no default". */
  readonly default?: unknown;
  /** Shown as JSON. `undefined` means "no example". */
  readonly example?: unknown;
  readonly readOnly?: boolean | undefined;
  readonly writeOnly?: boolean | undefined;
}

/** Lines for `@tag value`; a value laid out over several lines goes below the tag. */
function jsonTag(tag: string, value: unknown): string[] {
  const json = commentJson(value);
  if (json === undefined) return [];
  const lines = escapeCommentText(json).split("\n");
  return lines.length === 1 ? [`${tag} ${lines[0] ?? ""}`] : [tag, ...lines];
}

/** Inline code span that survives backticks in the value. */
function codeSpan(value: string): string {
  let longest = 0;
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Orders "1.10" after "1.9"; falls back to plain code-unit order. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

function prose(text: string | undefined, linkBase: string | undefined): string {
  return text === undefined ? "" : escapeCommentText(renderMatrixMarkdown(text, linkBase));
}

/**
 * Builds a complete multi-line doc comment, or `""` when there is nothing to say.
 *
 * Prose comes first (title, summary, description, format/pattern and
 * read/write-only notes, then "Changed in" notes), separated by blank lines;
 * then the tags: `@default`, `@example`, `@since`, `@deprecated`.
 * The "Changed in" notes sit before the tags because any text after a tag
 * line belongs to that tag (it would otherwise be read as part of an example).
 *
 * @param indent spaces/tabs put before every line.
 */
export function jsdoc(parts: DocParts, indent = ""): string {
  if (!/^[ \t]*$/.test(indent)) throw new TypeError("jsdoc: indent may only contain spaces and tabs");

  const paragraphs: string[] = [];
  const add = (text: string): void => {
    if (text !== "" && !paragraphs.includes(text)) paragraphs.push(text);
  };

  add(prose(parts.title, parts.linkBase));
  add(prose(parts.summary, parts.linkBase));
  add(prose(parts.description, parts.linkBase));

  if (parts.format !== undefined && oneLine(parts.format) !== "") {
    add(escapeCommentText(`Format: ${codeSpan(oneLine(parts.format))}`));
  }
  if (parts.pattern !== undefined && parts.pattern !== "") {
    add(escapeCommentText(`Pattern: ${codeSpan(parts.pattern)}`));
  }
  if (parts.readOnly === true) add("Read-only: returned by the server, not sent in requests.");
  if (parts.writeOnly === true) add("Write-only: sent in requests, never returned in responses.");

  if (parts.changed !== undefined) {
    const versions = Object.keys(parts.changed).sort(compareVersions);
    for (const version of versions) {
      const label = escapeCommentText(`**Changed in Matrix ${oneLine(version)}:**`);
      const note = prose(parts.changed[version], parts.linkBase);
      add(note === "" ? label : `${label} ${note}`);
    }
  }

  const tags: string[] = [];
  if (parts.default !== undefined) tags.push(...jsonTag("@default", parts.default));
  if (parts.example !== undefined) tags.push(...jsonTag("@example", parts.example));
  if (parts.since !== undefined && oneLine(parts.since) !== "") {
    tags.push(`@since Matrix ${escapeCommentText(oneLine(parts.since))}`);
  }
  if (parts.deprecated === true) tags.push("@deprecated");

  const body: string[] = paragraphs.join("\n\n").split("\n");
  if (paragraphs.length === 0) body.length = 0;
  if (tags.length > 0) {
    if (body.length > 0) body.push("");
    body.push(...tags);
  }
  if (body.length === 0) return "";

  const lines = [`${indent}/**`];
  for (const line of body) lines.push(line === "" ? `${indent} *` : `${indent} * ${line}`);
  lines.push(`${indent} */`);
  return `${lines.join("\n")}\n`;
}

/** {@link jsdoc}'s block as a fragment for the code builder (emit/code.ts), which checks it is one comment. */
export const docComment = (parts: DocParts, indent = ""): Code => blockComment(jsdoc(parts, indent));
