// Types for the raw Liang pattern data of the `hyphen` package (pure data, UMD/CommonJS).
// Format (hyphen 1.14): [levels table, pattern trie, exceptions].
declare module 'hyphen/patterns/en-us.js' {
  /** A trie node: a child map; a number is a leaf's index into the levels table; a pair is a node that also ends a pattern. */
  export type HyphenTrie = { readonly [ch: string]: HyphenTrie | number | readonly [HyphenTrie, number] };
  /**
   * [0] Level tables: for a pattern starting with '.', entry k is the value of the gap before
   *     the k-th letter after the dot; otherwise entry 0 is the gap before the pattern's first letter.
   * [1] The pattern trie, keyed by lower-case letters and '.' for the word edges.
   * [2] Exceptions: word → hyphen offsets.
   */
  const patterns: readonly [
    readonly (readonly number[])[],
    HyphenTrie,
    Readonly<Record<string, readonly number[]>>,
  ];
  export default patterns;
}
