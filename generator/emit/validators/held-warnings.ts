/**
 * Warnings said in their usual order while the verdicts on the regexes are still coming: the
 * warnings about unsafe regexes come before those of Ajv's setup and compile, and they need the
 * verdicts, which the compile does not. So the compile goes on, its warnings are held, and once
 * the verdicts are in the unsafe-regex warnings are said, then the held ones.
 *
 * @module
 */
export class HeldWarnings {
  readonly #say: (message: string) => void;
  #held: string[] | undefined;

  constructor(say: (message: string) => void) {
    this.#say = say;
  }

  /** Says `message` now, or keeps it for {@link release} once {@link hold} was called. */
  readonly warn = (message: string): void => {
    if (this.#held) this.#held.push(message);
    else this.#say(message);
  };

  /** From now on, warnings wait for {@link release}. */
  hold(): void {
    this.#held ??= [];
  }

  /** Runs `first` (which says the warnings that go before the held ones), then says the held ones. */
  release(first: () => void): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    first();
    for (const message of held) this.#say(message);
  }
}
