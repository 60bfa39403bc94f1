// Which encoding a text file to import is in. Newsrooms hand over more than UTF-8: mainland
// editorial systems and Windows Notepad ("ANSI" on a Chinese Windows) write GBK/GB18030,
// Taiwan and Hong Kong systems Big5, Notepad's "Unicode" UTF-16 with a byte-order mark, and
// English desks' older Windows tools Windows-1252. Each is named by its WHATWG label, which is
// what TextDecoder takes.

export const TEXT_ENCODINGS = ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** How an encoding is named to the user. */
export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030',
  big5: 'Big5',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1252': 'Windows-1252',
};

/** Reads an --encoding value: one of TEXT_ENCODINGS or `auto`, with the usual other spellings. */
export function parseEncoding(text: string): TextEncoding | 'auto' | null {
  const key = text.toLowerCase().replace(/[\s_]/g, '-');
  if (key === 'auto') return 'auto';
  const aliases: Record<string, TextEncoding> = {
    utf8: 'utf-8',
    gbk: 'gb18030', // GB18030 is a superset of GBK and GB2312: decoding them as GB18030 is exact
    gb2312: 'gb18030',
    cp936: 'gb18030',
    cp950: 'big5',
    'utf-16': 'utf-16le',
    cp1252: 'windows-1252',
    latin1: 'windows-1252',
    'iso-8859-1': 'windows-1252',
  };
  const found = aliases[key] ?? aliases[key.replace(/-/g, '')] ?? (TEXT_ENCODINGS as readonly string[]).find((e) => e === key);
  return (found as TextEncoding | undefined) ?? null;
}

/** The byte-order mark at the start of `bytes`, if any, and how long it is. */
export function byteOrderMark(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

// Windows-1252's 80–9F. Node 20's TextDecoder reads the label as ISO-8859-1 (80–9F become C1
// controls, and the council’s “new” budget loses its quotes), so these are mapped here. The
// five bytes Windows-1252 leaves undefined keep their C1 meaning, as in the WHATWG index.
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = new Array<number>(chunk.length);
    for (let k = 0; k < chunk.length; k++) codes[k] = chunk[k] >= 0x80 && chunk[k] < 0xa0 ? CP1252_HIGH.charCodeAt(chunk[k] - 0x80) : chunk[k];
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Decodes `bytes` in `encoding`, or returns null when they are not well-formed in it. */
export function decodeStrict(bytes: Uint8Array, encoding: TextEncoding): string | null {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The legacy Chinese encoding of text that is not UTF-8, told apart by the shape of its
 * two-byte characters, or null when it looks like neither:
 * - Chinese text runs its characters together; Windows-1252 (English with curly quotes, é)
 *   has high bytes standing alone between ASCII letters and spaces, so it is never guessed;
 * - Big5 puts about 40 % of its characters, ，。、 among them, on trail bytes 40–7E, which
 *   GB2312 never uses: text with a tenth of its pairs there is Big5;
 * - otherwise GB2312's shape — lead A1–F7, trail A1–FE: nearly all of a mainland paper, GBK
 *   and GB18030 adding rare characters — makes GB18030, unless the text reads as kana (leads
 *   A4/A5) or falls into GB2312's empty rows (the Private Use Area when decoded): that is
 *   Big5's common Han (的 是 一 中 on leads A4–AF) in a text too short to show a low trail
 *   byte. (Greek, Cyrillic, pinyin and box drawing — leads A6–A9 — are GB text: a table or
 *   a Russian name.)
 * A Big5 or GB text of a character or two can still be taken for the other: --encoding settles it.
 */
export function guessChineseEncoding(bytes: Uint8Array): 'gb18030' | 'big5' | null {
  let pairs = 0;
  let runOn = 0; // characters followed at once by another non-ASCII byte
  let gb2312 = 0;
  let kana = 0; // GB2312 leads A4–A5 (hiragana, katakana) and AA–AF (empty rows)
  let lowTrail = 0;
  let big5Lead = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = bytes[i + 1] ?? 0;
    pairs++;
    if (n >= 0x30 && n <= 0x39) i += 4; // GB18030's four-byte form (rare characters): neither shape
    else {
      if (b >= 0xa1 && b <= 0xf7 && n >= 0xa1 && n <= 0xfe) gb2312++;
      if (b === 0xa4 || b === 0xa5 || (b >= 0xaa && b <= 0xaf)) kana++;
      if (n >= 0x40 && n <= 0x7e) lowTrail++;
      if (b >= 0xa1 && b <= 0xf9) big5Lead++;
      i += 2;
    }
    if ((bytes[i] ?? 0) >= 0x80) runOn++;
  }
  if (pairs === 0 || runOn < pairs * 0.3) return null;
  // UTF-8 with a stray byte or two (a GBK character pasted into UTF-8 copy) is not GB text:
  // read as UTF-8, nearly all of its non-ASCII bytes make whole characters. (Read so, GB and
  // Big5 text gives a replacement character for every few bytes; not for every byte, as many
  // of their pairs happen to be well-formed two-byte UTF-8.)
  const loose = new TextDecoder('utf-8').decode(bytes);
  let replaced = 0;
  for (let i = 0; i < loose.length; i++) if (loose.charCodeAt(i) === 0xfffd) replaced++;
  let high = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) high++;
  if (replaced < high * 0.1) return null;
  const big5 = () => {
    const text = big5Lead >= pairs * 0.9 ? decodeStrict(bytes, 'big5') : null;
    return text !== null && !PRIVATE_USE.test(text);
  };
  if (lowTrail >= pairs * 0.1) return big5() ? 'big5' : null;
  if (gb2312 >= pairs * 0.8 && kana <= pairs * 0.1) {
    const gb = decodeStrict(bytes, 'gb18030');
    if (gb !== null && !PRIVATE_USE.test(gb)) return 'gb18030';
  }
  return kana > pairs * 0.1 && big5() ? 'big5' : null;
}

/** The Private Use Area: no font prints it; a decoder gives it for codes it has no character for. */
export const PRIVATE_USE = /[\uE000-\uF8FF]/;

/**
 * Where GB18030 text holds UTF-8 pasted into it: two UTF-8 Han characters in a row (E4–E9
 * and two continuation bytes, twice), which GB text makes by chance about once in 10⁶ pairs.
 * Byte offset, or -1.
 */
export function pastedUtf8(bytes: Uint8Array): number {
  const han3 = (i: number) => bytes[i] >= 0xe4 && bytes[i] <= 0xe9 && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0xbf && bytes[i + 2] >= 0x80 && bytes[i + 2] <= 0xbf;
  for (let i = 0; i + 6 <= bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    // On a character boundary of the GB text: a pair (or a four-byte form).
    if (han3(i) && han3(i + 3)) return i;
    i += bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 ? 4 : 2;
  }
  return -1;
}

/**
 * 1-based line of the first line of `bytes` that does not decode in `encoding`, or -1. Lines
 * are split at byte 0A, which is never part of a multi-byte character in the ASCII-compatible
 * encodings here (UTF-8, GB18030, Big5); UTF-16 is decoded whole, and its first replacement
 * character found.
 */
export function firstBadLine(bytes: Uint8Array, encoding: TextEncoding): number {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (decodeStrict(bytes, encoding) !== null) return -1;
    // A lone surrogate or an odd last byte: the line of the first replacement character.
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    return text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).split('\n').length;
  }
  let line = 1;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    if (decodeStrict(bytes.subarray(start, stop), encoding) === null) return line;
    if (end < 0) return -1;
    start = end + 1;
    line++;
  }
}
