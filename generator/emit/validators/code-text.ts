/**
 * Reading and rewriting the text of Ajv's standalone code: its string literals, the `__proto__`
 * keys of its object literals, and its indentation. Hand-written rather than parsed with a
 * JavaScript parser: Ajv writes a small, known subset (strings by JSON.stringify, one statement
 * per line, no template, comment or regular expression literal), and the generator reads
 * megabytes of it per large spec.
 *
 * @module
 */

/**
 * The string literals of Ajv's code, as `[start, end)` offsets. Ajv writes strings with
 * JSON.stringify (double quotes); single quotes are read as well, as {@link indentBlocks} does.
 * Its code holds no template literal, comment or regular expression literal (patterns are
 * `new RegExp("…")`), so a quote outside a string always opens one.
 */
function stringLiterals(code: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = 0; i < code.length; i++) {
    const quote = code[i];
    if (quote !== '"' && quote !== "'") continue;
    let j = i + 1;
    while (j < code.length && code[j] !== quote && code[j] !== "\n") j += code[j] === "\\" ? 2 : 1;
    found.push([i, j + 1]);
    i = j;
  }
  return found;
}

/** `code` with the inside of every string literal removed (`"…"` → `""`), to look at the code alone. */
export function blankStrings(code: string): string {
  let out = "";
  let from = 0;
  for (const [start, end] of stringLiterals(code)) {
    out += code.slice(from, start + 1) + code[start];
    from = end;
  }
  return out + code.slice(from);
}

/**
 * Ajv's standalone code declares each schema as an object literal (`const schema1 = {…}`), from
 * which `enum` and `const` values are read. In a literal, `"__proto__": v` sets the object's
 * prototype instead of making a member, so `enum: [{"__proto__": {"admin": true}}]` would allow
 * `{}`. Every such key (a `"__proto__"` string after `{` or `,` and before `:`) becomes the
 * computed key `["__proto__"]`, which makes an own member, as JSON.parse does.
 */
export function ownProtoKeys(code: string): string {
  if (!code.includes('"__proto__"') && !code.includes("'__proto__'")) return code;
  let out = "";
  let from = 0;
  for (const [start, end] of stringLiterals(code)) {
    if (code.slice(start + 1, end - 1) !== "__proto__") continue;
    const before = /[{,]\s*$/.test(code.slice(Math.max(0, start - 64), start));
    const after = /^\s*:/.test(code.slice(end, end + 64));
    if (!before || !after) continue;
    out += `${code.slice(from, start)}[${code.slice(start, end)}]`;
    from = end;
  }
  return out + code.slice(from);
}

/**
 * Indents each line by the braces open before it, for reading: Ajv writes one statement per
 * line without indentation. Only leading spaces are added, and Ajv's code holds no multi-line
 * string, comment or template, so no token changes; braces inside its (JSON-quoted) strings do
 * not count. A bundler would pretty-print the same, at a cost of 0.6 s on a 2 MB spec.
 */
export function indentBlocks(code: string): string {
  let depth = 0;
  return code
    .split("\n")
    .map((line) => {
      let opened = 0;
      let closedFirst = 0;
      let quote = "";
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
          if (c === "\\") i++;
          else if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "{") opened++;
        else if (c === "}") {
          if (opened > 0) opened--;
          else closedFirst++;
        }
      }
      depth = Math.max(0, depth - closedFirst);
      const out = line && depth ? "  ".repeat(depth) + line : line;
      depth += opened;
      return out;
    })
    .join("\n");
}
