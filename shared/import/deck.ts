// A headline deck's lines → kicker (引题), headline (主题) and subhead (副题).
//
// Plain text carries no type sizes, so an unmarked deck is all headline (README, "Kicker").
// What copy does say is used: a label the desk typed (引题：… / Kicker: …), heading levels
// (Markdown's sizes: a smaller line over the headline is its kicker, under it its subhead),
// and the 副题's opening dash (——记者走访…), which is how a Chinese style guide sets a 副题.
import { joinSeparator } from './inline';

export type DeckSlot = 'kicker' | 'headline' | 'subhead';

export interface DeckLine {
  text: string;
  /** Heading level (`#` = 1) when the line was written as a Markdown heading. */
  level?: number;
}

export interface Deck {
  kicker: string | null;
  headline: string[];
  subhead: string | null;
}

// 引题：…, 【引题】…, [主题] …: the labels of an editorial system's manuscript form, in
// simplified and traditional characters (肩题 and 眉题 are other names of the 引题).
const ZH_LABEL = new RegExp(
  '^[【[]?(引[题題]|肩[题題]|眉[题題]|主[题題]|主[标標][题題]|[标標][题題]|副[题題]|副[标標][题題])(?:[】\\]][ \\t\\u3000]*|[ \\t\\u3000]*[:：][ \\t\\u3000]*)(?=\\S)',
  'u',
);
// Strings, not regex literals, where they hold Chinese: the bundle is ASCII, and esbuild
// escapes strings only.
// Kicker: …, Overline: …, Hed: …, Dek: … — a copy desk's field names, any case.
const EN_LABEL = /^(kicker|overline|eyebrow|hed|headline|dek|deck|subhead|subhed|sub-head)[ \t]*:[ \t]*(?=\S)/i;
/** A 副题 opens with a dash: ——, or the look-alikes typed for it (──, －－, --). */
export const SUBHEAD_DASH = new RegExp('^(?:——|──|――|－－|--)', 'u');

const KICKER_LABEL = new RegExp('^(?:引|肩|眉|kicker|overline|eyebrow)', 'i');
const SUBHEAD_LABEL = new RegExp('^(?:副|dek|deck|sub)', 'i');

function slotOf(label: string): DeckSlot {
  if (KICKER_LABEL.test(label)) return 'kicker';
  if (SUBHEAD_LABEL.test(label)) return 'subhead';
  return 'headline';
}

/** A deck line's label: `引题：坚持…` → kicker "坚持…"; `Dek: Vote splits 5-2` → subhead. */
export function deckLabel(text: string): { slot: DeckSlot; text: string } | null {
  const m = ZH_LABEL.exec(text) ?? EN_LABEL.exec(text);
  return m ? { slot: slotOf(m[1]), text: text.slice(m[0].length).trim() } : null;
}

function join(parts: string[]): string | null {
  if (parts.length === 0) return null;
  let out = parts[0];
  for (const p of parts.slice(1)) out += joinSeparator(out, p) + p;
  return out;
}

/**
 * Sorts a deck's lines into its three parts. `clean` turns a line's text into what is stored
 * (markup removed, punctuation normalised); labels are read before it. In order:
 * 1. labelled lines go to their part; unlabelled lines are the headline;
 * 2. heading levels: the largest lines are the headline, smaller lines above it the kicker,
 *    below it the subhead (`## 引题 ⏎ # 主题 ⏎ ## 副题`);
 * 3. a last line opening with —— is the subhead (a headline never opens with a dash, so a
 *    deck of that one line, under a headline already read, is the subhead alone);
 * otherwise the deck is all headline, one entry per line.
 */
export function assignDeck(lines: DeckLine[], clean: (s: string) => string): Deck {
  const deck: Deck = { kicker: null, headline: [], subhead: null };
  const parts: Record<DeckSlot, string[]> = { kicker: [], headline: [], subhead: [] };
  const labels = lines.map((l) => deckLabel(l.text));
  const levels = lines.map((l) => l.level ?? 0);
  const top = Math.min(...levels);
  if (labels.some((l) => l !== null)) {
    lines.forEach((l, i) => parts[labels[i]?.slot ?? 'headline'].push(labels[i]?.text ?? l.text));
  } else if (levels.some((v) => v !== top)) {
    const first = levels.indexOf(top);
    const last = levels.lastIndexOf(top);
    lines.forEach((l, i) => parts[i < first ? 'kicker' : i > last ? 'subhead' : 'headline'].push(l.text));
  } else if (SUBHEAD_DASH.test(lines[lines.length - 1].text.trim())) {
    lines.forEach((l, i) => parts[i === lines.length - 1 ? 'subhead' : 'headline'].push(l.text));
  } else {
    parts.headline = lines.map((l) => l.text);
  }
  deck.kicker = join(parts.kicker.map(clean));
  deck.headline = parts.headline.map(clean);
  deck.subhead = join(parts.subhead.map(clean));
  return deck;
}
