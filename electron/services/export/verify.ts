// Reads an exported PDF back and checks what the plant relies on: header version, page count,
// boxes nested as MediaBox ⊇ BleedBox ⊇ TrimBox with the expected numbers, every font a
// subset-tagged Type0/CIDFontType2 with an embedded FontFile2 and a ToUnicode CMap, one
// /GTS_PDFX output intent, the PDF/X Info keys, a trailer /ID and no object streams; each
// page's pictures present as 8-bit gray or CMYK images.
//
// The file is read the way a viewer reads it: `startxref` → the cross-reference table and the
// trailer → every object the table lists, each at its offset (`N G obj … endobj`), streams
// skipped by their /Length, which must land on `endstream`. A small reader of PDF syntax of
// its own, nothing external: pdf-lib's load made an object of every number of every /W array
// (most of its ~2 ms a file) and reads objects in file order without looking at the table.
import type { PageBoxes } from './paint';

export interface FileCheck {
  ok: boolean;
  version: string;
  pages: number;
  /** BaseFont names found (each ABCDEF+Name). */
  fonts: string[];
  problems: string[];
}

export interface ExpectedFile {
  version: string;
  pdfx: 'x1a' | 'x4';
  boxes: readonly PageBoxes[];
  /** Each page's picture resources (PaintedPage.images by imageResource); none when omitted. */
  images?: readonly (readonly string[])[];
}

class Name {
  constructor(readonly name: string) {}
}

class Ref {
  constructor(readonly num: number) {}
}

class PdfString {
  constructor(readonly bytes: Buffer) {}

  /** UTF-16BE with a byte-order mark, else (PDFDocEncoding's ASCII part) Latin-1. */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
      return s;
    }
    return b.toString('latin1');
  }
}

class Stream {
  constructor(
    readonly dict: Dict,
    readonly length: number,
  ) {}
}

type Dict = Map<string, Value>;
type Value = number | boolean | null | Name | Ref | PdfString | Value[] | Dict | Stream;

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
// Byte values the reader compares with, as constants: a call per comparison is what a cold
// process pays for (this runs before V8 has compiled the reader).
const CH = (s: string) => s.charCodeAt(0);
const PERCENT = CH('%');
const LPAREN = CH('(');
const RPAREN = CH(')');
const PLUS = CH('+');
const MINUS = CH('-');
const DOT = CH('.');
const SLASH = CH('/');
const LT = CH('<');
const GT = CH('>');
const UPPER_R = CH('R');
const LBRACKET = CH('[');
const BACKSLASH = CH('\\');
const RBRACKET = CH(']');
const LOWER_T = CH('t');
const LOWER_N = CH('n');
const LOWER_F = CH('f');
/** \n \r \t \b \f in literal strings. */
const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };

/** The objects of one PDF file with a classic cross-reference table, parsed on demand. */
class PdfReader {
  private pos = 0;
  private readonly offsets = new Map<number, number>();
  private readonly objects = new Map<number, Value>();
  readonly trailer: Dict;

  constructor(private readonly b: Buffer) {
    const at = b.lastIndexOf('startxref', b.length - 1);
    if (at < 0 || at < b.length - 1024) this.fail('no startxref');
    this.pos = at + 'startxref'.length;
    this.pos = this.int();
    if (this.keyword() !== 'xref') this.fail('startxref does not point to an xref table');
    for (;;) {
      this.skip();
      if (this.b[this.pos] === LOWER_T) break;
      const first = this.int();
      const count = this.int();
      for (let i = 0; i < count; i++) {
        const offset = this.int();
        this.int();
        const kind = this.letter();
        if (kind === LOWER_N) this.offsets.set(first + i, offset);
        else if (kind !== LOWER_F) this.fail('bad xref entry');
      }
    }
    if (this.keyword() !== 'trailer') this.fail('no trailer');
    const trailer = this.value();
    if (!(trailer instanceof Map)) this.fail('the trailer is not a dictionary');
    this.trailer = trailer;
    const size = this.trailer.get('Size');
    if (typeof size !== 'number' || [...this.offsets.keys()].some((n) => n >= size)) this.fail('trailer /Size does not cover the xref table');
  }

  /** Parses every object the table lists (each must be where the table says). */
  readAll(): void {
    for (const n of this.offsets.keys()) this.object(n);
  }

  /** The value itself, or the object a reference points to (null when the table lacks it). */
  get(v: Value | undefined): Value | undefined {
    return v instanceof Ref ? this.object(v.num) : v;
  }

  private object(num: number): Value {
    const cached = this.objects.get(num);
    if (cached !== undefined) return cached;
    const offset = this.offsets.get(num);
    if (offset === undefined) return null;
    this.pos = offset;
    if (this.int() !== num) this.fail(`xref entry for object ${num} points elsewhere`);
    this.int();
    if (this.keyword() !== 'obj') this.fail(`object ${num}: no "obj"`);
    let v = this.value();
    this.skip();
    if (v instanceof Map && this.peekKeyword('stream')) v = this.stream(num, v);
    if (this.keyword() !== 'endobj') this.fail(`object ${num}: no "endobj"`);
    this.objects.set(num, v);
    return v;
  }

  private stream(num: number, dict: Dict): Stream {
    this.pos += 'stream'.length;
    if (this.b[this.pos] === 13) this.pos++;
    if (this.b[this.pos] !== 10) this.fail(`object ${num}: no end of line after "stream"`);
    const start = this.pos + 1;
    const length = dict.get('Length');
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) this.fail(`object ${num}: stream without a direct /Length`);
    this.pos = start + length;
    this.skip();
    if (!this.peekKeyword('endstream')) this.fail(`object ${num}: /Length does not end at "endstream"`);
    this.pos += 'endstream'.length;
    return new Stream(dict, length);
  }

  private fail(message: string): never {
    throw new Error(`${message} (byte ${this.pos})`);
  }

  private skip(): void {
    const b = this.b;
    for (;;) {
      while (this.pos < b.length && WHITE[b[this.pos]]) this.pos++;
      if (b[this.pos] !== PERCENT) return;
      while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
    }
  }

  /** A run of regular characters (a keyword, a number's text, a name's body). */
  private regular(): string {
    const b = this.b;
    const start = this.pos;
    while (this.pos < b.length && !WHITE[b[this.pos]] && !DELIM[b[this.pos]]) this.pos++;
    return b.toString('latin1', start, this.pos);
  }

  private keyword(): string {
    this.skip();
    return this.regular();
  }

  private peekKeyword(k: string): boolean {
    const end = this.pos + k.length;
    return this.b.toString('latin1', this.pos, end) === k && (end >= this.b.length || WHITE[this.b[end]] === 1 || DELIM[this.b[end]] === 1);
  }

  /** A non-negative integer token, read from its bytes (the xref table is three tokens an object). */
  private int(): number {
    this.skip();
    const b = this.b;
    const start = this.pos;
    let v = 0;
    while (this.pos < b.length && b[this.pos] >= 48 && b[this.pos] <= 57) v = v * 10 + (b[this.pos++] - 48);
    if (this.pos === start || (this.pos < b.length && !WHITE[b[this.pos]] && !DELIM[b[this.pos]])) {
      this.pos = start;
      this.fail(`expected an integer, found "${this.regular()}"`);
    }
    return v;
  }

  /** A one-letter keyword's byte (an xref entry's n or f); -1 for any other token. */
  private letter(): number {
    this.skip();
    const b = this.b;
    const c = b[this.pos];
    const after = this.pos + 1;
    if (after < b.length && !WHITE[b[after]] && !DELIM[b[after]]) return -1;
    this.pos = after;
    return c;
  }

  private value(): Value {
    this.skip();
    const b = this.b;
    const c = b[this.pos];
    if (c === SLASH) {
      this.pos++;
      const name = this.regular();
      return new Name(name.includes('#') ? name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : name);
    }
    if (c === LT && b[this.pos + 1] === LT) {
      this.pos += 2;
      const d: Dict = new Map();
      for (;;) {
        this.skip();
        if (b[this.pos] === GT && b[this.pos + 1] === GT) {
          this.pos += 2;
          return d;
        }
        const key = this.value();
        if (!(key instanceof Name)) this.fail('a dictionary key is not a name');
        d.set(key.name, this.value());
      }
    }
    if (c === LT) {
      const end = b.indexOf(GT, this.pos);
      if (end < 0) this.fail('unterminated hex string');
      const hex = b.toString('latin1', this.pos + 1, end).replace(/\s+/g, '');
      if (!/^[0-9A-Fa-f]*$/.test(hex)) this.fail('bad hex string');
      this.pos = end + 1;
      return new PdfString(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
    }
    if (c === LPAREN) return this.literal();
    if (c === LBRACKET) {
      this.pos++;
      const a: Value[] = [];
      for (;;) {
        this.skip();
        if (b[this.pos] === RBRACKET) {
          this.pos++;
          return a;
        }
        if (this.pos >= b.length) this.fail('unterminated array');
        a.push(this.value());
      }
    }
    if ((c >= 48 && c <= 57) || c === MINUS || c === PLUS || c === DOT) return this.numberOrRef();
    const t = this.regular();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === 'null') return null;
    return this.fail(`unexpected "${t || String.fromCharCode(c)}"`);
  }

  /** A number, or an indirect reference "num gen R" (read byte by byte: /W arrays hold thousands). */
  private numberOrRef(): number | Ref {
    const n = this.number();
    if (!Number.isInteger(n) || n < 0) return n;
    const b = this.b;
    const back = this.pos;
    this.skip();
    if (b[this.pos] >= 48 && b[this.pos] <= 57) {
      const gen = this.number();
      this.skip();
      const after = this.pos + 1;
      if (Number.isInteger(gen) && b[this.pos] === UPPER_R && (after >= b.length || WHITE[b[after]] || DELIM[b[after]])) {
        this.pos = after;
        return new Ref(n);
      }
    }
    this.pos = back;
    return n;
  }

  /** An integer or a real: [+-] digits [. digits], ending at white space or a delimiter. */
  private number(): number {
    const b = this.b;
    const start = this.pos;
    let sign = 1;
    if (b[this.pos] === MINUS || b[this.pos] === PLUS) sign = b[this.pos++] === MINUS ? -1 : 1;
    let v = 0;
    let digits = 0;
    while (b[this.pos] >= 48 && b[this.pos] <= 57) {
      v = v * 10 + b[this.pos++] - 48;
      digits++;
    }
    if (b[this.pos] === DOT) {
      this.pos++;
      let scale = 1;
      while (b[this.pos] >= 48 && b[this.pos] <= 57) {
        v = v * 10 + b[this.pos++] - 48;
        scale *= 10;
        digits++;
      }
      v /= scale;
    }
    const next = b[this.pos];
    if (digits === 0 || (this.pos < b.length && !WHITE[next] && !DELIM[next])) this.fail(`bad number "${b.toString('latin1', start, this.pos + 1)}"`);
    return sign * v;
  }

  private literal(): PdfString {
    const b = this.b;
    const out: number[] = [];
    let depth = 0;
    for (this.pos++; this.pos < b.length; this.pos++) {
      let c = b[this.pos];
      if (c === LPAREN) depth++;
      else if (c === RPAREN && depth-- === 0) {
        this.pos++;
        return new PdfString(Buffer.from(out));
      } else if (c === BACKSLASH) {
        c = b[++this.pos];
        if (c >= 48 && c <= 55) {
          let v = 0;
          for (let k = 0; k < 3 && b[this.pos] >= 48 && b[this.pos] <= 55; k++) v = v * 8 + b[this.pos++] - 48;
          this.pos--;
          out.push(v & 255);
        } else if (c === 13 || c === 10) {
          if (c === 13 && b[this.pos + 1] === 10) this.pos++;
        } else out.push(ESCAPES[c] ?? c);
        continue;
      }
      out.push(c);
    }
    return this.fail('unterminated string');
  }
}

function nums(r: PdfReader, o: Value | undefined): number[] | null {
  const a = r.get(o);
  if (!Array.isArray(a) || a.length !== 4) return null;
  const out = a.map((v) => r.get(v));
  return out.every((v) => typeof v === 'number') ? (out as number[]) : null;
}

function contains(outer: number[], inner: number[]): boolean {
  const e = 1e-6;
  return outer[0] <= inner[0] + e && outer[1] <= inner[1] + e && outer[2] >= inner[2] - e && outer[3] >= inner[3] - e;
}

function same(a: number[], b: readonly number[]): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) < 1e-3);
}

function str(r: PdfReader, o: Value | undefined): string | null {
  const v = r.get(o);
  return v instanceof PdfString ? v.text() : null;
}

function isName(r: PdfReader, o: Value | undefined, name: string): boolean {
  const v = r.get(o);
  return v instanceof Name && v.name === name;
}

function dictOf(r: PdfReader, o: Value | undefined): Dict | null {
  const v = r.get(o);
  return v instanceof Map ? v : null;
}

/** The page leaves in order, each with its (possibly inherited) Resources. */
function pageLeaves(r: PdfReader, root: Value | undefined, problems: string[]): { node: Dict; resources: Value | undefined }[] {
  const out: { node: Dict; resources: Value | undefined }[] = [];
  const seen = new Set<Dict>();
  const walk = (o: Value | undefined, resources: Value | undefined, depth: number) => {
    const d = dictOf(r, o);
    if (!d || seen.has(d) || depth > 32) {
      problems.push('the page tree is broken');
      return;
    }
    seen.add(d);
    const res = d.get('Resources') ?? resources;
    if (isName(r, d.get('Type'), 'Page')) out.push({ node: d, resources: res });
    else {
      const kids = r.get(d.get('Kids'));
      if (!isName(r, d.get('Type'), 'Pages') || !Array.isArray(kids)) {
        problems.push('the page tree is broken');
        return;
      }
      const before = out.length;
      for (const k of kids) walk(k, res, depth + 1);
      if (r.get(d.get('Count')) !== out.length - before) problems.push('a page tree /Count differs from its pages');
    }
  };
  walk(root, undefined, 0);
  return out;
}

/** The Info dictionary's Title of a PDF, or null when it has none or is no PDF this reader reads. */
export function pdfTitle(bytes: Uint8Array): string | null {
  try {
    const r = new PdfReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    r.readAll();
    return str(r, dictOf(r, r.trailer.get('Info'))?.get('Title'));
  } catch {
    return null;
  }
}

export async function checkPdf(bytes: Uint8Array, expected: ExpectedFile): Promise<FileCheck> {
  const problems: string[] = [];
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(16, bytes.byteLength)).toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(head)?.[1] ?? '?';
  if (version !== expected.version) problems.push(`header says PDF ${version}, expected ${expected.version}`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf('/ObjStm') >= 0) problems.push('object streams present');
  if (buf.indexOf('%%EOF', Math.max(0, buf.length - 64)) < 0) problems.push('no %%EOF at the end');

  let r: PdfReader;
  try {
    r = new PdfReader(buf);
    r.readAll();
  } catch (err) {
    problems.push(`cannot be parsed: ${(err as Error).message}`);
    return { ok: false, version, pages: 0, fonts: [], problems };
  }
  const catalog = dictOf(r, r.trailer.get('Root'));
  if (!catalog || !isName(r, catalog.get('Type'), 'Catalog')) {
    problems.push('no Catalog');
    return { ok: false, version, pages: 0, fonts: [], problems };
  }
  const pages = pageLeaves(r, catalog.get('Pages'), problems);
  if (pages.length !== expected.boxes.length) problems.push(`${pages.length} pages, expected ${expected.boxes.length}`);
  const fonts = new Set<string>();
  pages.forEach(({ node, resources }, i) => {
    const want = expected.boxes[i];
    const media = nums(r, node.get('MediaBox'));
    const bleed = nums(r, node.get('BleedBox'));
    const trim = nums(r, node.get('TrimBox'));
    if (!media || !bleed || !trim) {
      problems.push(`page ${i + 1}: MediaBox, BleedBox or TrimBox missing`);
      return;
    }
    if (!contains(media, bleed) || !contains(bleed, trim)) problems.push(`page ${i + 1}: boxes not nested (MediaBox ⊇ BleedBox ⊇ TrimBox)`);
    if (want && (!same(media, want.media) || !same(bleed, want.bleed) || !same(trim, want.trim))) problems.push(`page ${i + 1}: boxes differ from the layout's`);
    const xobjects = dictOf(r, dictOf(r, resources)?.get('XObject'));
    for (const res of expected.images?.[i] ?? []) {
      const im = r.get(xobjects?.get(res));
      if (!(im instanceof Stream) || !isName(r, im.dict.get('Subtype'), 'Image')) problems.push(`page ${i + 1}: picture ${res} missing`);
      else if (!['DeviceGray', 'DeviceCMYK'].some((cs) => isName(r, im.dict.get('ColorSpace'), cs)) || r.get(im.dict.get('BitsPerComponent')) !== 8 || im.length === 0) problems.push(`page ${i + 1}: picture ${res} is not an 8-bit gray or CMYK image`);
    }
    const fontDict = dictOf(r, dictOf(r, resources)?.get('Font'));
    if (!fontDict) return;
    for (const ref of fontDict.values()) {
      const f = dictOf(r, ref);
      if (!f) {
        problems.push(`page ${i + 1}: a font is not a dictionary`);
        continue;
      }
      const base = r.get(f.get('BaseFont'));
      const baseName = base instanceof Name ? base.name : '?';
      fonts.add(baseName);
      if (!/^[A-Z]{6}\+/.test(baseName)) problems.push(`font ${baseName}: no subset tag`);
      if (!isName(r, f.get('Subtype'), 'Type0')) problems.push(`font ${baseName}: not Type0`);
      if (!isName(r, f.get('Encoding'), 'Identity-H')) problems.push(`font ${baseName}: encoding is not Identity-H`);
      if (!(r.get(f.get('ToUnicode')) instanceof Stream)) problems.push(`font ${baseName}: no ToUnicode CMap`);
      const desc = r.get(f.get('DescendantFonts'));
      const cid = Array.isArray(desc) ? dictOf(r, desc[0]) : null;
      if (!cid || !isName(r, cid.get('Subtype'), 'CIDFontType2')) {
        problems.push(`font ${baseName}: descendant is not CIDFontType2`);
        continue;
      }
      if (!isName(r, cid.get('CIDToGIDMap'), 'Identity')) problems.push(`font ${baseName}: CIDToGIDMap is not Identity`);
      const file = r.get(dictOf(r, cid.get('FontDescriptor'))?.get('FontFile2'));
      if (!(file instanceof Stream) || file.length === 0) problems.push(`font ${baseName}: not embedded (no FontFile2)`);
    }
  });

  const intents = r.get(catalog.get('OutputIntents'));
  if (!Array.isArray(intents) || intents.length !== 1) problems.push('expected exactly one OutputIntent');
  else {
    const oi = dictOf(r, intents[0]);
    if (!oi || !isName(r, oi.get('S'), 'GTS_PDFX')) problems.push('OutputIntent is not /GTS_PDFX');
    else if (!str(r, oi.get('OutputConditionIdentifier'))) problems.push('OutputIntent has no OutputConditionIdentifier');
    else if (expected.pdfx === 'x4' && !(r.get(oi.get('DestOutputProfile')) instanceof Stream)) problems.push('PDF/X-4 OutputIntent has no DestOutputProfile');
  }
  if (!(r.get(catalog.get('Metadata')) instanceof Stream)) problems.push('no XMP metadata');

  const info = dictOf(r, r.trailer.get('Info'));
  if (!info) problems.push('no Info dictionary');
  else {
    const version = str(r, info.get('GTS_PDFXVersion'));
    const want = expected.pdfx === 'x1a' ? 'PDF/X-1:2001' : 'PDF/X-4';
    if (version !== want) problems.push(`GTS_PDFXVersion is ${version}, expected ${want}`);
    if (expected.pdfx === 'x1a' && str(r, info.get('GTS_PDFXConformance')) !== 'PDF/X-1a:2001') problems.push('GTS_PDFXConformance is not PDF/X-1a:2001');
    if (!str(r, info.get('Title'))) problems.push('no Title');
    if (!isName(r, info.get('Trapped'), 'False')) problems.push('Trapped is not /False');
  }
  const id = r.get(r.trailer.get('ID'));
  if (!Array.isArray(id) || id.length !== 2) problems.push('no trailer /ID');
  return { ok: problems.length === 0, version, pages: pages.length, fonts: [...fonts].sort(), problems };
}
