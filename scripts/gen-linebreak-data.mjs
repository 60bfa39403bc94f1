#!/usr/bin/env node
// Generates shared/text/data/linebreak-data.ts, the Line_Break property table used by
// shared/text/uax14.ts (UAX #14, Unicode Line Breaking Algorithm).
//
// Input (Unicode Character Database 15.0.0, Debian package `unicode-data`):
//   /usr/share/unicode/LineBreak.txt          Line_Break property (LineBreak-15.0.0.txt)
//   /usr/share/unicode/EastAsianWidth.txt     F/W/H → "$EastAsian" for LB30 (OP/CP only)
//   /usr/share/unicode/UnicodeData.txt        General_Category: Mn/Mc for SA (LB1),
//                                             Pi/Pf for QU (LB15a/b), Cn for LB30b
//   /usr/share/unicode/emoji/emoji-data.txt   Extended_Pictographic (LB30b)
// Another directory can be given as the first argument or in UNICODE_DIR.
//
// Usage: node scripts/gen-linebreak-data.mjs [unicode-dir]
//
// Output format: the code space is cut into runs of equal *internal* class. Internal classes
// are the 43 Line_Break values of Unicode 15.0 plus six refinements the rules need:
//   OP_EA, CP_EA   OP/CP with East_Asian_Width F, W or H (excluded from LB30)
//   SA_CM          SA with General_Category Mn or Mc (LB1 resolves it to CM)
//   QU_PI, QU_PF   QU with General_Category Pi / Pf (LB15a / LB15b)
//   ID_XPCN        ID that is Extended_Pictographic and unassigned (LB30b)
// Hangul syllables U+AC00..U+D7A3 alternate H2/H3 every 28 code points; the generator checks
// that and stores the block as one H3 run: the runtime derives H2 arithmetically.
// RUN_STARTS holds the base-36 deltas between run starts, comma separated; RUN_CLASSES one
// character per run: String.fromCharCode(CLASS_CHAR_BASE + internal class index).
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? process.env.UNICODE_DIR ?? '/usr/share/unicode';
const out = resolve(here, '../shared/text/data/linebreak-data.ts');

// Must match the constants in shared/text/uax14.ts (checked there at load time).
const CLASSES = [
  'BK', 'CR', 'LF', 'NL', 'SP', 'ZW', 'WJ', 'GL', 'CM', 'ZWJ', 'CB', 'SA', 'SG', 'XX', 'AI', 'CJ',
  'AL', 'B2', 'BA', 'BB', 'HY', 'CL', 'CP', 'EX', 'IN', 'NS', 'OP', 'QU', 'IS', 'NU', 'PO', 'PR',
  'SY', 'H2', 'H3', 'HL', 'ID', 'JL', 'JV', 'JT', 'RI', 'EB', 'EM',
  'OP_EA', 'CP_EA', 'SA_CM', 'QU_PI', 'QU_PF', 'ID_XPCN',
];
const CLASS_CHAR_BASE = 0x41; // 'A'
const idx = Object.fromEntries(CLASSES.map((c, i) => [c, i]));
const MAX = 0x110000;

function read(name) {
  const path = join(dir, name);
  if (!existsSync(path)) {
    console.error(`missing ${path}: install Debian's unicode-data package (apt-get install unicode-data)`);
    process.exit(1);
  }
  return readFileSync(path, 'utf8');
}

function header(text) {
  return text.split('\n', 1)[0].replace(/^#\s*/, '').trim();
}

/** Parses `XXXX(..YYYY)?;value` property lines, calling fn(first, last, value). */
function eachRange(text, fn) {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [range, value] = line.split(';').map((s) => s.trim());
    const [a, b] = range.split('..');
    fn(parseInt(a, 16), parseInt(b ?? a, 16), value);
  }
}

// Line_Break: @missing is XX for everything; LineBreak-15.0.0 lists the ID/PR default ranges.
const lbText = read('LineBreak.txt');
const version = /LineBreak-(\d+\.\d+\.\d+)/.exec(header(lbText))?.[1];
if (!version) throw new Error('cannot read the version of LineBreak.txt');
const lb = new Uint8Array(MAX).fill(idx.XX);
eachRange(lbText, (a, b, v) => {
  if (!(v in idx)) throw new Error(`unknown Line_Break value ${v}`);
  lb.fill(idx[v], a, b + 1);
});

const eawText = read('EastAsianWidth.txt');
const eastAsian = new Uint8Array(MAX);
eachRange(eawText, (a, b, v) => {
  if (v === 'F' || v === 'W' || v === 'H') eastAsian.fill(1, a, b + 1);
});

// General_Category from UnicodeData.txt (<..., First>/<..., Last> pairs are ranges).
const udText = read('UnicodeData.txt');
const GC_CN = 0;
const gcCodes = { Cn: GC_CN, Mn: 1, Mc: 2, Pi: 3, Pf: 4, other: 5 };
const gc = new Uint8Array(MAX).fill(GC_CN);
{
  let first = -1;
  for (const line of udText.split('\n')) {
    if (!line) continue;
    const f = line.split(';');
    const cp = parseInt(f[0], 16);
    const code = gcCodes[f[2]] ?? gcCodes.other;
    if (f[1].endsWith(', First>')) {
      first = cp;
      continue;
    }
    if (f[1].endsWith(', Last>')) {
      gc.fill(code, first, cp + 1);
      first = -1;
      continue;
    }
    gc[cp] = code;
  }
}

const emojiText = read('emoji/emoji-data.txt');
const extPict = new Uint8Array(MAX);
eachRange(emojiText, (a, b, v) => {
  if (v === 'Extended_Pictographic') extPict.fill(1, a, b + 1);
});

// Refine into internal classes.
const cls = new Uint8Array(MAX);
let xpcnOther = 0;
for (let cp = 0; cp < MAX; cp++) {
  let c = lb[cp];
  if (c === idx.OP && eastAsian[cp]) c = idx.OP_EA;
  else if (c === idx.CP && eastAsian[cp]) c = idx.CP_EA;
  else if (c === idx.SA && (gc[cp] === gcCodes.Mn || gc[cp] === gcCodes.Mc)) c = idx.SA_CM;
  else if (c === idx.QU && gc[cp] === gcCodes.Pi) c = idx.QU_PI;
  else if (c === idx.QU && gc[cp] === gcCodes.Pf) c = idx.QU_PF;
  if (extPict[cp] && gc[cp] === GC_CN) {
    if (c === idx.ID) c = idx.ID_XPCN;
    else xpcnOther++;
  }
  cls[cp] = c;
}
if (xpcnOther) throw new Error(`${xpcnOther} unassigned Extended_Pictographic code points are not ID: extend the format`);

// Hangul syllables: LV (H2) every 28th code point from U+AC00, else LVT (H3).
for (let cp = 0xac00; cp <= 0xd7a3; cp++) {
  const want = (cp - 0xac00) % 28 === 0 ? idx.H2 : idx.H3;
  if (cls[cp] !== want) throw new Error(`Hangul U+${cp.toString(16)} is not ${CLASSES[want]}`);
  cls[cp] = idx.H3;
}

const starts = [];
const classes = [];
for (let cp = 0; cp < MAX; cp++) {
  if (cp === 0 || cls[cp] !== cls[cp - 1]) {
    starts.push(cp);
    classes.push(cls[cp]);
  }
}
const deltas = starts.map((s, i) => (i === 0 ? s : s - starts[i - 1]).toString(36)).join(',');
const classChars = classes.map((c) => String.fromCharCode(CLASS_CHAR_BASE + c)).join('');

const src = `// GENERATED by scripts/gen-linebreak-data.mjs — do not edit.
// Source: Unicode Character Database ${version} (Debian unicode-data):
//   ${header(lbText)}
//   ${header(eawText)}
//   UnicodeData.txt (General_Category)
//   ${header(emojiText)} (Extended_Pictographic)
// ${starts.length} runs of equal internal line-break class; see the generator for the format.

export const UNICODE_VERSION = '${version}';

/** Internal class names, by index. */
export const CLASS_NAMES = ${JSON.stringify(CLASSES)} as const;

export const CLASS_CHAR_BASE = ${CLASS_CHAR_BASE};

/** Base-36 deltas between consecutive run starts (the first run starts at 0). */
export const RUN_STARTS =
  ${JSON.stringify(deltas)};

/** One character per run: String.fromCharCode(CLASS_CHAR_BASE + class index). */
export const RUN_CLASSES =
  ${JSON.stringify(classChars)};
`;

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, src);
console.log(`wrote ${out}: Unicode ${version}, ${starts.length} runs, ${src.length} bytes`);
