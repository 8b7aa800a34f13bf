import { fileURLToPath } from "node:url";
import { BaseResolver, ResolveError, type Document, type NormalizedProblem, type Source } from "@redocly/openapi-core";
import { SpecError } from "../errors.js";
import { hasScheme, normalizeUrl, refusal, type RefPolicy } from "./policy.js";
import { JsonAwareSource } from "./json-ast.js";
import { textLocator } from "./locate.js";
import { parseYaml, readDocument, readRegularFile, REDOCLY_YAML_SCHEMA } from "./read.js";
import { DocumentStore, findRefCycle, getPointer, isObject } from "./refs.js";

/**
 * Redocly's resolver under a RefPolicy: every document Redocly reads (the root, each `$ref`ed
 * file, an example's `externalValue`) passes here, so the policy and the YAML checks of
 * read.ts (depth, alias expansion) run before Redocly walks anything. A refused or broken
 * target becomes Redocly's "Can't resolve $ref" problem, at the `$ref` that names it.
 */
type Resolved = ReturnType<BaseResolver["resolveDocument"]>;

/**
 * The files a run's resolvers have read and parsed, shared by the resolver of each linted file:
 * Redocly's resolver caches per document, so without this every file that several documents
 * reference (Matrix's shared definitions and events) was read and parsed once per document.
 * Each resolver still asks about every target it reads; the run's one policy answers each once.
 */
export class SharedReads {
  readonly #sources = new Map<string, Source>();
  readonly #refusals = new Map<string, string | undefined>();
  readonly #parsed = new WeakMap<Source, unknown>();
  /** Parses made before Redocly asks (the spec files read.ts read), with the text they came from. */
  readonly #seeds = new Map<string, { text: string; doc: unknown }>();

  /** `policy`: the run's, which every resolver sharing these reads obeys. */
  constructor(readonly policy: RefPolicy) {}

  /** The policy's answer for `target` (see policy.ts refusal), asked once per run and kind of access. */
  refusal(target: string, given: boolean): string | undefined {
    const key = `${given ? "given" : "ref"} ${target}`;
    if (!this.#refusals.has(key)) this.#refusals.set(key, refusal(this.policy, target, given));
    return this.#refusals.get(key);
  }

  /** The file at `path` as a Source, read once per run. */
  source(path: string, read: () => string): Source {
    let source = this.#sources.get(path);
    if (!source) {
      source = new JsonAwareSource(path, read());
      this.#sources.set(path, source);
    }
    return source;
  }

  /**
   * The file at `path` with the text `body` (a root, as read.ts read it): the Source a resolver
   * read when it holds the same text, else a new one, kept out of the run's reads (its text may
   * have lost a byte-order mark, which a `$ref`'s read of the file keeps).
   */
  sourceOf(path: string, body: string): Source {
    const known = this.#sources.get(path);
    return known?.body === body ? known : new JsonAwareSource(path, body);
  }

  /**
   * A parse of `text` (the file at `path`) already made this run, used when Redocly reads the very
   * same text (a file with a byte-order mark or CRLF line ends is parsed again, as before).
   */
  seed(path: string, text: string, doc: unknown): void {
    this.#seeds.set(path, { text, doc });
  }

  /** The parse of `source`, made once per run. */
  parse(source: Source, parse: () => unknown): unknown {
    if (this.#parsed.has(source)) return this.#parsed.get(source);
    const seed = this.#seeds.get(source.absoluteRef);
    const doc = seed !== undefined && seed.text === source.body ? seed.doc : parse();
    this.#parsed.set(source, doc);
    return doc;
  }
}

export class PolicyResolver extends BaseResolver {
  /** The documents Redocly was asked for as roots (the files given), not through a `$ref`. */
  readonly #given = new Set<string>();

  /** What `$ref`s may read: the run's policy, that of `shared` when given. */
  readonly policy: RefPolicy;

  /** The length of the text this resolver has parsed (see RefPolicy.parsed). */
  #textParsed = 0;

  /** `shared`: the run's reads, when several resolvers (one per linted file) read the same files. */
  constructor(
    policy: RefPolicy,
    config?: ConstructorParameters<typeof BaseResolver>[0],
    readonly shared?: SharedReads,
  ) {
    super(config);
    this.policy = shared?.policy ?? policy;
  }

  override resolveDocument(base: string | null, ref: string, isRoot = false): Resolved {
    if (isRoot) this.#given.add(this.resolveExternalRef(base, ref));
    return super.resolveDocument(base, ref, isRoot);
  }

  override resolveExternalRef(base: string | null, ref: string): string {
    // Redocly knows http(s) only: `file:///etc/passwd` would become a path below `base`.
    if (/^file:/i.test(ref)) {
      try {
        return fileURLToPath(ref);
      } catch {
        return ref;
      }
    }
    // Redocly's URL test is case-sensitive: `HTTP://…` would be read as a path from the cwd.
    if (hasScheme(ref)) return normalizeUrl(ref);
    return super.resolveExternalRef(base && normalizeUrl(base), ref);
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const given = this.#given.has(absoluteRef);
    const why = this.shared ? this.shared.refusal(absoluteRef, given) : refusal(this.policy, absoluteRef, given);
    if (why) throw new ResolveError(new Error(why));
    if (hasScheme(absoluteRef)) return super.loadExternalRef(absoluteRef);
    // Read here rather than by Redocly: only a regular file, never blocking on a named pipe.
    try {
      const read = () => readRegularFile(absoluteRef).replace(/\r\n/g, "\n");
      return this.shared ? this.shared.source(absoluteRef, read) : new JsonAwareSource(absoluteRef, read());
    } catch (err) {
      if (err instanceof SpecError) throw new ResolveError(new Error(`${err.message}: ${absoluteRef}`));
      throw err;
    }
  }

  override parseDocument(source: Source, isRoot = false): Document {
    // As BaseResolver: only YAML/JSON is parsed, other files are text (an `externalValue`).
    const ext = source.absoluteRef.slice(source.absoluteRef.lastIndexOf("."));
    if (![".json", ".yml", ".yaml"].includes(ext) && !/(json|yaml|openapi)/.test(source.mimeType ?? "") && !isRoot) {
      return { source, parsed: source.body };
    }
    let parsed: unknown;
    try {
      const parse = () => parseYaml(source.body, source.absoluteRef, REDOCLY_YAML_SCHEMA);
      parsed = this.shared ? this.shared.parse(source, parse) : parse();
    } catch (err) {
      // One problem at the `$ref` ("Can't resolve $ref: file:line:col: …"), rather than the two
      // Redocly reports for its YamlParseError.
      if (err instanceof SpecError) throw new ResolveError(new Error(err.toString()));
      throw err;
    }
    if (hasScheme(source.absoluteRef)) this.policy.fetched.set(source.absoluteRef, parsed);
    this.#textParsed += source.body.length;
    this.policy.parsed?.(parsed, this.#textParsed);
    return { source, parsed };
  }

  /** The node a problem's location points at, in a document this resolver read; undefined when none. */
  async nodeAt(loc: NormalizedProblem["location"][number]): Promise<unknown> {
    if (loc.pointer === undefined) return undefined;
    const doc = await this.cache.get(loc.source.absoluteRef)?.catch(() => undefined);
    if (!doc || doc instanceof Error) return undefined;
    try {
      return getPointer(doc.parsed, loc.pointer.replace(/^#/, ""), loc.source.absoluteRef);
    } catch {
      return undefined;
    }
  }

  /**
   * Redocly says only "Can't resolve $ref" when the file exists but the JSON pointer does not:
   * such problems are given the `$ref` and the file it looked in.
   */
  async explain(problems: NormalizedProblem[]): Promise<NormalizedProblem[]> {
    const out: NormalizedProblem[] = [];
    for (const problem of problems) {
      const loc = problem.location[0];
      let ref: unknown;
      if (problem.ruleId === "no-unresolved-refs" && problem.message === "Can't resolve $ref" && loc?.pointer) {
        const node = await this.nodeAt(loc);
        ref = isObject(node) ? node.$ref : undefined;
      }
      if (typeof ref !== "string" || !loc) {
        out.push(problem);
        continue;
      }
      const hash = ref.indexOf("#");
      const file =
        hash === 0
          ? loc.source.absoluteRef
          : this.resolveExternalRef(loc.source.absoluteRef, hash === -1 ? ref : ref.slice(0, hash));
      const pointer = hash === -1 ? "/" : ref.slice(hash + 1) || "/";
      const target = await this.cache.get(file)?.catch(() => undefined);
      const empty =
        target !== undefined && !(target instanceof Error) && (target.parsed === undefined || target.parsed === null);
      const why = empty ? "is empty" : `has nothing at ${pointer}`;
      out.push({ ...problem, message: `Can't resolve $ref ${JSON.stringify(ref)}: ${file} ${why}` });
    }
    return out;
  }
}

/** What Redocly throws, with no file or place, for a `$ref` chain that comes back to itself. */
const REDOCLY_REF_CYCLE = "Self-referencing circular pointer";

/**
 * `err` as thrown by Redocly's lint or bundle of `path`: its "Self-referencing circular
 * pointer", which names no file, becomes a SpecError at the cycle's first `$ref` (file, pointer,
 * and line when its text can be read); any other error is returned as it is.
 */
export function explainRefCycle(err: unknown, path: string, policy: RefPolicy): unknown {
  if (!(err instanceof Error) || err.message !== REDOCLY_REF_CYCLE) return err;
  let cycle: ReturnType<typeof findRefCycle>;
  try {
    cycle = findRefCycle(new DocumentStore(policy, [[path, readDocument(path).doc]]), path);
  } catch {
    cycle = undefined;
  }
  if (!cycle) return new SpecError(`a $ref cycle with nothing in between (${REDOCLY_REF_CYCLE.toLowerCase()})`, path);
  const chain = cycle.chain.join(" → ");
  const message = `a $ref cycle with nothing in between: ${chain} (each target is only a $ref, so none names a value)`;
  let where: { line: number; col: number } | undefined;
  try {
    // The line of the `$ref` key itself.
    const at = `${cycle.pointer === "/" ? "" : cycle.pointer}/$ref`;
    where = textLocator(cycle.file, readRegularFile(cycle.file), true)(at);
  } catch {
    where = undefined;
  }
  return new SpecError(message, cycle.file, where?.line, where?.col, cycle.pointer);
}
