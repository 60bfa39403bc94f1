// Which glyphs of which font a PDF uses, and what text each stands for (for the ToUnicode
// CMap, so copying and searching the PDF gives the article text back).
//
// A glyph's text comes from the engine's clusters: glyph k of a line stands for the line's
// characters from its cluster up to the next glyph's cluster (the line's end for the last
// one). So `——` set as one 2-em glyph (the zh-Hans `locl` form) maps to two U+2014, and a
// locl variant maps to the character it replaced. A base and its combining marks give each
// glyph its own character; other glyphs after the first of a cluster stand for nothing; the hyphen a hyphenated line ends with (cluster = line end) stands
// for "-". Trailing spaces (no glyph) and default-ignorable characters are not attached.
import type { LaidLine } from '../../../shared/layout/types';
import type { FontId } from '../../../shared/text/font';

export class GlyphUse {
  /** slot[gid] = 1 + the glyph's index in `list` when painted, 0 when not (a font has at most 65,535 glyphs). Read-only outside. */
  readonly slot = new Uint16Array(65536);
  /** The glyphs painted, in the order first met (merge walks these, not all 65,536 slots). */
  private readonly list: number[] = [];
  /** The text of list[i] ('' for none): an array, not a Map — it is read for every glyph painted. */
  private readonly texts: string[] = [];
  /** The UTF-16 code of texts[i] when it is one code unit, else -1: most glyphs stand for one character, and comparing codes costs no string. Read-only outside. */
  readonly codes: number[] = [];
  /** Slots (1 + index in `list`) of the glyphs met with two different texts. */
  private readonly conflicted = new Set<number>();

  has(gid: number): boolean {
    return this.slot[gid] !== 0;
  }

  /** The text recorded for a glyph. */
  text(gid: number): string | undefined {
    const s = this.slot[gid];
    return s === 0 ? undefined : this.texts[s - 1] || undefined;
  }

  add(gid: number, text: string): void {
    // .notdef stands for every character no font has: copied, it gives U+FFFD, not whichever
    // of them came first.
    if (gid === 0 && text) text = '\uFFFD';
    const s = this.slot[gid];
    if (s === 0) {
      this.list.push(gid);
      this.texts.push(text);
      this.codes.push(text.length === 1 ? text.charCodeAt(0) : -1);
      this.slot[gid] = this.list.length;
      return;
    }
    if (!text) return;
    const old = this.texts[s - 1];
    if (!old) this.set(s - 1, text);
    else if (old !== text) {
      this.conflicted.add(s);
      // A presentation form typed in the text (ﬁ U+FB01) and the letters it stands for (fi)
      // set with the same ligature glyph: the letters win, so copying and searching find the
      // word as spelled. Otherwise the shorter text is the glyph's own character; the longer
      // one carried a neighbour.
      const compat = (a: string, b: string) => a.length < b.length && a.normalize('NFKC') === b;
      if (compat(old, text) || (!compat(text, old) && text.length < old.length)) this.set(s - 1, text);
    }
  }

  private set(i: number, text: string): void {
    this.texts[i] = text;
    this.codes[i] = text.length === 1 ? text.charCodeAt(0) : -1;
  }

  get size(): number {
    return this.list.length;
  }

  /** How many glyphs were met with two different texts (a ToUnicode CMap holds one per glyph). */
  get conflicts(): number {
    return this.conflicted.size;
  }

  /** Glyph ids used, ascending. */
  gids(): number[] {
    return this.list.slice().sort((a, b) => a - b);
  }

  merge(other: GlyphUse): void {
    for (let i = 0; i < other.list.length; i++) this.add(other.list[i], other.texts[i]);
    for (const s of other.conflicted) this.conflicted.add(this.slot[other.list[s - 1]]);
  }
}

export class GlyphUsage {
  readonly fonts = new Map<FontId, GlyphUse>();

  font(id: FontId): GlyphUse {
    let u = this.fonts.get(id);
    if (!u) this.fonts.set(id, (u = new GlyphUse()));
    return u;
  }

  merge(other: GlyphUsage): void {
    for (const [id, use] of other.fonts) this.font(id).merge(use);
  }

  /** Font ids in a stable order. */
  ids(): FontId[] {
    return [...this.fonts.keys()].sort();
  }
}

const IGNORABLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]/g;

function clean(s: string): string {
  if (s.length === 1) return s;
  const t = s.replace(IGNORABLE, '');
  const trimmed = t.replace(/\s+$/u, '');
  return trimmed || t;
}

type LineText = Pick<LaidLine, 'runs' | 'start' | 'end' | 'text' | 'hyphenated'>;

/**
 * Records the glyphs of one line with their texts. Written for speed (it runs for every
 * glyph of an edition): a glyph already known with the same text costs a comparison, no
 * string is made.
 */
export function addLineGlyphs(usage: GlyphUsage, line: LineText): void {
  const runs = line.runs;
  const text = line.text;
  const base = line.start;
  let prev = -1;
  // The characters of the glyphs of a base + marks cluster after its first (markTexts).
  let marks: string[] | null = null;
  let mark = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const use = usage.font(run.font);
    const ids = run.ids;
    const clusters = run.clusters;
    for (let i = 0; i < ids.length; i++) {
      const gid = ids[i];
      const c = clusters[i];
      if (c >= line.end) {
        use.add(gid, line.hyphenated && r === runs.length - 1 && i === ids.length - 1 ? '-' : '');
      } else if (c === prev) {
        use.add(gid, marks !== null && mark < marks.length ? marks[mark++] : '');
      } else {
        // Where the cluster ends: the next glyph's cluster when it is further on (inline: the
        // common case, for every glyph of an edition), else clusterEnd's walk.
        const next = i + 1 < clusters.length ? clusters[i + 1] : -1;
        const end = next > c ? Math.min(next, line.end) : clusterEnd(line, r, i, c);
        marks = null;
        if (next === c) {
          // Several glyphs for one cluster: a base letter and its combining marks (x̂ typed
          // decomposed, ≠ decomposed by HarfBuzz into = and U+0338 for a font without it)
          // give each glyph its own character. With the whole cluster on the base glyph, the
          // base met alone elsewhere kept one of the two texts: every = of the page copied
          // as ≠, or x̂ as x.
          marks = markTexts(text.slice(c - base, end - base), ids, clusters, i);
          if (marks !== null) {
            use.add(gid, marks[0]);
            mark = 1;
            prev = c;
            continue;
          }
        }
        // Known to stand for this one character (the common case: two array reads, inline,
        // as this runs for every glyph), or for this text.
        const s = use.slot[gid];
        const known = end - c === 1 ? s !== 0 && use.codes[s - 1] === text.charCodeAt(c - base) : knownText(use.text(gid), text, c - base, end - c);
        if (!known) use.add(gid, clean(text.slice(c - base, end - base)));
      }
      prev = c;
    }
  }
}

/** A combining mark that prints (variation selectors and the grapheme joiner are marks too, but ignorable). */
const MARK = /^(?![\u034f\u180b-\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}])\p{M}$/u;

/**
 * The characters of a cluster, one per glyph, when the cluster (canonically decomposed, as
 * HarfBuzz orders marks) is a base and combining marks with as many characters as the run
 * has glyphs for it; null otherwise (a ligature, a cluster with a default-ignorable, a mark
 * HarfBuzz composed into its base): those keep the whole text on their first glyph.
 */
function markTexts(text: string, ids: readonly number[], clusters: readonly number[], i: number): string[] | null {
  let n = 1;
  while (i + n < ids.length && clusters[i + n] === clusters[i]) n++;
  const chars = [...text.normalize('NFD')];
  if (chars.length !== n || MARK.test(chars[0])) return null;
  for (let k = 1; k < n; k++) if (!MARK.test(chars[k])) return null;
  return chars;
}

function knownText(known: string | undefined, text: string, at: number, length: number): boolean {
  return known !== undefined && known.length === length && text.startsWith(known, at);
}

/** Where the cluster of glyph i of run r ends: the next different cluster, or the line's end. */
function clusterEnd(line: LineText, r: number, i: number, c: number): number {
  const runs = line.runs;
  let run = runs[r];
  let k = i + 1;
  for (;;) {
    while (k < run.clusters.length) {
      const d = run.clusters[k];
      if (d !== c) return Math.min(Math.max(d, c), line.end);
      k++;
    }
    if (++r >= runs.length) return line.end;
    run = runs[r];
    k = 0;
  }
}
