// Classes of characters that matter to Chinese composition (clreq §3, GB/T 15834):
// where a full-width mark's blank half sits, which marks are 2-em units, what may be
// squeezed in which order when a line is too long.

export const enum CharKind {
  /** Han ideograph (and kana, hangul, fullwidth letters): 1 em, stretchable between. */
  Han = 0,
  /** Opening bracket or quote: ink on the right half, blank on the left. */
  Opening = 1,
  /** Closing bracket or quote: ink on the left half, blank on the right. */
  Closing = 2,
  /** Pause or comma marks 、，；：(zh-Hans puts them left): blank on the right. */
  Pause = 3,
  /** Full stops 。？！: blank on the right, squeezed last. */
  Stop = 4,
  /** Middle dots ·・: blank on both sides. */
  Middle = 5,
  /** Dash — and ellipsis …: come in pairs that are never split or stretched. */
  Dash = 6,
  /** Latin letters, combining marks and other alphabetic text. */
  Latin = 7,
  /** ASCII and other digits. */
  Digit = 8,
  /** Spaces: word glue in Latin text. */
  Space = 9,
  /** Anything else (symbols, ASCII punctuation, full-width ／％＋). */
  Other = 10,
  /** Connectors ～ 〜 – (GB/T 15834 连接号): never stretched around, no Han–Latin gap. */
  Connector = 11,
  /**
   * The ideographic space U+3000: a fixed full-width blank (after 本报讯), never squeezed like
   * a word space, but, like one, left hanging past the measure when it ends a line.
   */
  IdeoSpace = 12,
}

/** How many kinds there are (for tables indexed by kind). */
export const KIND_COUNT = CharKind.IdeoSpace + 1;

/** Blanks that hang past the measure at a line's end: word spaces and the ideographic space. */
export function isLineEndBlank(kind: CharKind): boolean {
  return kind === CharKind.Space || kind === CharKind.IdeoSpace;
}

const OPENING = new Set([...'“‘「『（《〈【〖〔［｛｟〘〚']);
const CLOSING = new Set([...'”’」』）》〉】〗〕］｝｠〙〛']);
const PAUSE = new Set([...'、，；：']);
const STOP = new Set([...'。？！．‼⁇⁈⁉']);
const MIDDLE = new Set([...'·・‧']);
const DASH = new Set([...'—…⋯⸺']);

export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f) ||
    (cp >= 0x3040 && cp <= 0x30ff) || // kana
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul syllables
    cp === 0x3007 || // 〇
    cp === 0x3005 // 々
  );
}

/**
 * Fullwidth letters and digits (Ａ１) set like Han: one em each, with the Han–Latin gap next
 * to Latin. Fullwidth symbols (／％＋＝＃) are not letters: they take no such gap (Other).
 */
export function isFullwidthAlnum(cp: number): boolean {
  return (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a);
}

const CONNECTOR = new Set([...'～〜–']);

export function charKind(ch: string): CharKind {
  const cp = ch.codePointAt(0) ?? 0;
  if (OPENING.has(ch)) return CharKind.Opening;
  if (CLOSING.has(ch)) return CharKind.Closing;
  if (PAUSE.has(ch)) return CharKind.Pause;
  if (STOP.has(ch)) return CharKind.Stop;
  if (MIDDLE.has(ch)) return CharKind.Middle;
  if (DASH.has(ch)) return CharKind.Dash;
  if (CONNECTOR.has(ch)) return CharKind.Connector;
  if (isHan(cp) || isFullwidthAlnum(cp)) return CharKind.Han;
  if (cp === 0x3000) return CharKind.IdeoSpace;
  if (cp === 0x20 || cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200a)) return CharKind.Space;
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x660 && cp <= 0x669)) return CharKind.Digit;
  if (/\p{L}|\p{M}/u.test(ch)) return CharKind.Latin;
  return CharKind.Other;
}

/** Full-width Chinese punctuation: one em with a compressible blank. */
export function isCjkPunct(kind: CharKind): boolean {
  return kind >= CharKind.Opening && kind <= CharKind.Middle;
}

/** Characters set in the CJK font and spaced as Chinese (ideographs and punctuation). */
export function isCjkKind(kind: CharKind): boolean {
  return kind <= CharKind.Dash;
}

/** Text that takes the ¼ em Han–Latin gap when it meets Han. */
export function isWestern(kind: CharKind): boolean {
  return kind === CharKind.Latin || kind === CharKind.Digit;
}

/**
 * Where a full-width mark's blank sits, as fractions of an em, when the font gives no
 * `halt` metrics. zh-Hans (GB/T 15834) puts ，。、；：！？ in the left half.
 */
export function defaultBlanks(kind: CharKind): { left: number; right: number } {
  switch (kind) {
    case CharKind.Opening:
      return { left: 0.5, right: 0 };
    case CharKind.Closing:
    case CharKind.Pause:
    case CharKind.Stop:
      return { left: 0, right: 0.5 };
    case CharKind.Middle:
      return { left: 0.25, right: 0.25 };
    default:
      return { left: 0, right: 0 };
  }
}
