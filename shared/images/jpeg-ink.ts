// The total ink of a CMYK JPEG, measured without decoding its pixels. The DC coefficient of each
// 8×8 block is the block's mean (mean sample = DC·Q0/8 + 128), so the entropy-coded data is
// Huffman-decoded — every coefficient in a sequential scan, where the AC coefficients stand
// between two DCs, the DC scans only in a progressive file, whose AC scans are skipped — and
// nothing is dequantised or transformed. Pure: bytes in, figures out (docs/pdf.md, pictures).
import { ImageError, readJpeg, segmentAt, type JpegInfo } from './jpeg';

/**
 * The most total ink (C+M+Y+K, %) a newsprint plate takes: ISO 12647-3 gives 240 % for
 * coldset newsprint; plants run 220 % by default (FACTS.md). A coated-paper separation (SWOP,
 * FOGRA39) lays down 300-340 %. Preflight's picture-ink and the export's profile check both
 * use it.
 */
export const NEWSPRINT_INK_LIMIT = 240;

/**
 * The side of the square of blocks the total ink is averaged over (4: 32 × 32 pixels, 2.7 mm
 * at 300 ppi): a plant judges ink over an area — set-off and drying come from a patch of
 * shadow, not from one pixel — and a block's mean already smooths its pixels.
 */
export const INK_WINDOW_BLOCKS = 4;

/** A CMYK picture's total ink, averaged over windows of INK_WINDOW_BLOCKS² blocks. */
export interface PictureInk {
  /** The most total ink of any window, % (0-400). */
  most: number;
  /** The share of the windows whose total ink is over NEWSPRINT_INK_LIMIT, 0-1. */
  over: number;
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** Blocks across and down as the frame pads them (whole MCUs) and as the picture covers them. */
  padW: number;
  padH: number;
  blocksW: number;
  blocksH: number;
  /** The quantised DC of each block (padW × padH), Al-shifted back as it is decoded. */
  dc: Int32Array;
}

interface Huffman {
  /** Codes up to 9 bits: (length << 8 | symbol) by the next 9 bits, 0 for a longer code. */
  fast: Uint16Array;
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

const FAST = 9;

function huffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const fast = new Uint16Array(1 << FAST);
  const maxCode = new Int32Array(18).fill(-1);
  const valPtr = new Int32Array(17);
  const minCode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    valPtr[len] = k;
    minCode[len] = code;
    for (let n = 0; n < counts[len - 1]; n++, k++, code++) {
      if (len <= FAST) {
        const first = code << (FAST - len);
        for (let f = 0; f < 1 << (FAST - len); f++) fast[first + f] = (len << 8) | values[k];
      }
    }
    maxCode[len] = counts[len - 1] ? code - 1 : -1;
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { fast, maxCode, valPtr, minCode, values };
}

/** Entropy-coded bits from `pos`, with 0xFF00 unstuffed; a marker ends them (zeros follow). */
class Bits {
  acc = 0;
  n = 0;
  /** Bits given after the data ran into a marker (or the file's end): reading them is an error. */
  padded = 0;
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    while (this.n <= 24) {
      let b = 0;
      if (this.padded === 0 && this.pos < this.bytes.length) {
        b = this.bytes[this.pos];
        if (b === 0xff) {
          const next = this.bytes[this.pos + 1];
          if (next === 0x00) this.pos += 2;
          else b = -1;
        } else this.pos++;
      } else b = -1;
      if (b < 0) {
        b = 0;
        this.padded += 8;
      }
      this.acc = ((this.acc << 8) | b) >>> 0;
      this.n += 8;
    }
  }

  bits(count: number): number {
    if (count === 0) return 0;
    if (this.n < count) this.fill();
    this.n -= count;
    return (this.acc >>> this.n) & ((1 << count) - 1);
  }

  decode(t: Huffman): number {
    if (this.n < 16) this.fill();
    const f = t.fast[(this.acc >>> (this.n - FAST)) & ((1 << FAST) - 1)];
    if (f !== 0) {
      this.n -= f >> 8;
      return f & 0xff;
    }
    let code = (this.acc >>> (this.n - FAST)) & ((1 << FAST) - 1);
    let len = FAST;
    this.n -= FAST;
    while (code > t.maxCode[len]) {
      code = (code << 1) | this.bits(1);
      len++;
      if (len > 16) throw new ImageError('the JPEG file is damaged (a code its tables do not have)');
    }
    return t.values[t.valPtr[len] + code - t.minCode[len]];
  }

  /** A coefficient's value: `s` bits, extended to a signed number. */
  receive(s: number): number {
    const v = this.bits(s);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }

  /** Whether the reading went past the data (a truncated or damaged stream). */
  overran(): boolean {
    return this.padded > this.n;
  }

  /** Drops what is left of the current byte and the bits read ahead: the next read starts at `pos`. */
  reset(pos: number): void {
    this.pos = pos;
    this.acc = 0;
    this.n = 0;
    this.padded = 0;
  }

  /** Where the scan's data ends: its last byte was read, its next marker stands ahead. */
  dataEnd(): number {
    return nextMarker(this.bytes, this.pos);
  }
}

/** The next marker at or after `p` that is not a byte stuffing (FF 00), a fill byte or a restart. */
function nextMarker(bytes: Uint8Array, p: number): number {
  for (; p + 1 < bytes.length; p++) {
    if (bytes[p] !== 0xff) continue;
    const m = bytes[p + 1];
    if (m === 0x00 || m === 0xff || (m >= 0xd0 && m <= 0xd7)) continue;
    return p;
  }
  return bytes.length;
}

const TRUNCATED = 'the JPEG file is truncated or damaged (its picture data ends before the picture does)';

/**
 * The quantised DC of every block of every component of a JPEG (Al-shifted to its full value),
 * read from the scans: sequential scans are decoded whole (the AC coefficients skipped over),
 * progressive DC scans first and refined; AC scans are skipped. Throws ImageError when the
 * entropy data runs out before the blocks do (truncated) or holds a code its tables lack.
 */
function blockMeans(bytes: Uint8Array): { components: Component[]; q0: number[]; width: number; height: number; hmax: number; vmax: number } {
  const quant: number[] = [];
  const dcTables: Huffman[] = [];
  const acTables: Huffman[] = [];
  let restart = 0;
  let components: Component[] = [];
  let width = 0;
  let height = 0;
  let hmax = 1;
  let vmax = 1;
  let mcusX = 0;
  let mcusY = 0;
  let progressive = false;
  let dcSeen = false;
  let i = 2;
  for (;;) {
    const seg = segmentAt(bytes, i);
    if (!seg) throw new ImageError(TRUNCATED);
    const { marker, start, end } = seg;
    i = end;
    if (marker === 0xd9) break;
    if (marker === 0xdb) {
      for (let p = start; p < end; ) {
        const pq = bytes[p] >> 4;
        quant[bytes[p] & 15] = pq ? (bytes[p + 1] << 8) | bytes[p + 2] : bytes[p + 1];
        p += 1 + 64 * (pq ? 2 : 1);
      }
    } else if (marker === 0xc4) {
      for (let p = start; p + 17 <= end; ) {
        const counts = bytes.subarray(p + 1, p + 17);
        let total = 0;
        for (const c of counts) total += c;
        const table = huffman(counts, bytes.subarray(p + 17, p + 17 + total));
        (bytes[p] >> 4 ? acTables : dcTables)[bytes[p] & 15] = table;
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restart = (bytes[start] << 8) | bytes[start + 1];
    } else if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      progressive = marker === 0xc2;
      height = (bytes[start + 1] << 8) | bytes[start + 2];
      width = (bytes[start + 3] << 8) | bytes[start + 4];
      const n = bytes[start + 5];
      const raw = Array.from({ length: n }, (_, k) => ({ id: bytes[start + 6 + 3 * k], h: bytes[start + 7 + 3 * k] >> 4, v: bytes[start + 7 + 3 * k] & 15, tq: bytes[start + 8 + 3 * k] }));
      hmax = Math.max(...raw.map((c) => c.h));
      vmax = Math.max(...raw.map((c) => c.v));
      mcusX = Math.ceil(width / (8 * hmax));
      mcusY = Math.ceil(height / (8 * vmax));
      // Every block takes at least a bit of the file (its DC's code): a frame header claiming
      // more blocks than the file has bits is damaged, and is not given the memory it asks for.
      if (raw.reduce((n, c) => n + mcusX * c.h * mcusY * c.v, 0) > bytes.length * 8) throw new ImageError(TRUNCATED);
      components = raw.map((c) => {
        const padW = mcusX * c.h;
        const padH = mcusY * c.v;
        return { ...c, padW, padH, blocksW: Math.ceil(Math.ceil((width * c.h) / hmax) / 8), blocksH: Math.ceil(Math.ceil((height * c.v) / vmax) / 8), dc: new Int32Array(padW * padH) };
      });
    } else if (marker === 0xda) {
      const ns = bytes[start];
      const scan = Array.from({ length: ns }, (_, k) => {
        const c = components.find((x) => x.id === bytes[start + 1 + 2 * k]);
        if (!c) throw new ImageError('the JPEG file is damaged (a scan names a component its frame does not have)');
        return { c, td: bytes[start + 2 + 2 * k] >> 4, ta: bytes[start + 2 + 2 * k] & 15 };
      });
      const at = start + 1 + 2 * ns;
      const ss = bytes[at];
      const ahal = bytes[at + 2];
      const ah = ahal >> 4;
      const al = ahal & 15;
      const bits = new Bits(bytes, end);
      if (progressive && ss > 0) {
        // An AC scan: the means are in the DC scans.
        i = nextMarker(bytes, end);
        continue;
      }
      for (const s of scan) if (!(progressive && ah > 0) && !dcTables[s.td]) throw new ImageError('the JPEG file is damaged (a scan uses a Huffman table it does not define)');
      if (!progressive) for (const s of scan) if (!acTables[s.ta]) throw new ImageError('the JPEG file is damaged (a scan uses a Huffman table it does not define)');
      const preds = new Int32Array(ns);
      const block = (s: (typeof scan)[number], k: number, index: number) => {
        const c = s.c;
        if (progressive && ah > 0) {
          c.dc[index] |= bits.bits(1) << al;
          return;
        }
        const t = bits.decode(dcTables[s.td]);
        if (t > 11) throw new ImageError('the JPEG file is damaged (a DC difference of more than 11 bits)');
        preds[k] += t ? bits.receive(t) : 0;
        c.dc[index] = preds[k] << al;
        if (progressive) return;
        const ac = acTables[s.ta];
        for (let z = 1; z < 64; ) {
          const rs = bits.decode(ac);
          const r = rs >> 4;
          const size = rs & 15;
          if (size === 0) {
            if (r !== 15) break;
            z += 16;
            continue;
          }
          bits.bits(size);
          z += r + 1;
        }
      };
      // One component: blocks in its own raster order (only those the picture covers); more:
      // MCUs, each with h × v blocks of each component.
      const single = ns === 1;
      const c0 = scan[0].c;
      const unitsX = single ? c0.blocksW : mcusX;
      const total = single ? c0.blocksW * c0.blocksH : mcusX * mcusY;
      for (let u = 0; u < total; u++) {
        if (restart && u > 0 && u % restart === 0) {
          // The interval's data ends at a byte boundary with RSTn; the predictions start again.
          if (bits.overran()) throw new ImageError(TRUNCATED);
          const rst = segmentAt(bytes, bits.pos);
          if (!rst || rst.marker < 0xd0 || rst.marker > 0xd7) throw new ImageError(TRUNCATED);
          bits.reset(rst.end);
          preds.fill(0);
        }
        const ux = u % unitsX;
        const uy = (u - ux) / unitsX;
        if (single) block(scan[0], 0, uy * c0.padW + ux);
        else
          for (let k = 0; k < ns; k++) {
            const c = scan[k].c;
            for (let by = 0; by < c.v; by++) for (let bx = 0; bx < c.h; bx++) block(scan[k], k, (uy * c.v + by) * c.padW + ux * c.h + bx);
          }
      }
      if (bits.overran()) throw new ImageError(TRUNCATED);
      dcSeen = true;
      i = bits.dataEnd();
    }
  }
  if (!dcSeen || components.length === 0) throw new ImageError(TRUNCATED);
  const q0 = components.map((c) => {
    const q = quant[c.tq];
    if (q === undefined) throw new ImageError('the JPEG file is damaged (a component uses a quantisation table it does not define)');
    return q;
  });
  return { components, q0, width, height, hmax, vmax };
}

/**
 * A CMYK JPEG's total ink: the means of its blocks (components sampled more coarsely spread
 * over the finest block grid) turned into inks as the plate prints them — Adobe CMYK inverted
 * (ink = 255 − sample, as the export's /Decode [1 0 …]), plain CMYK as stored, Adobe YCCK
 * (transform 2) turned into that inverted CMYK first (YCC → RGB on the means: C = 255 − R,
 * M = 255 − G, Y = 255 − B; K as stored) — summed, and averaged over windows of
 * INK_WINDOW_BLOCKS² blocks (fewer when the picture has fewer). Null for a picture that is not
 * CMYK (gray prints at most 100 %; RGB is separated with the plant's profile). Throws
 * ImageError for entropy data that ends before the picture does: it is reported, not guessed.
 */
export function measureInk(bytes: Uint8Array, info: Pick<JpegInfo, 'components' | 'adobeTransform'>): PictureInk | null {
  if (info.components !== 4) return null;
  const { components, q0, width, height, hmax, vmax } = blockMeans(bytes);
  if (components.length !== 4) throw new ImageError('the JPEG file is damaged (its frame does not have 4 components)');
  const gw = Math.ceil(width / 8);
  const gh = Math.ceil(height / 8);
  const ycck = info.adobeTransform === 2;
  const inverted = info.adobeTransform !== null;
  const clamp = (x: number) => (x < 0 ? 0 : x > 255 ? 255 : x);
  // Total ink per block of the finest grid, 0-1020.
  const ink = new Float64Array(gw * gh);
  const v = [0, 0, 0, 0];
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      for (let k = 0; k < 4; k++) {
        const c = components[k];
        const bx = Math.floor((x * c.h) / hmax);
        const by = Math.floor((y * c.v) / vmax);
        v[k] = (c.dc[by * c.padW + bx] * q0[k]) / 8 + 128;
      }
      let [a, b, d] = v;
      const kk = v[3];
      if (ycck) {
        // JFIF's YCbCr → RGB; the samples are then Adobe's inverted CMYK (C = 255 − R …).
        const [yy, cb, cr] = [a, b - 128, d - 128];
        a = 255 - clamp(yy + 1.402 * cr);
        b = 255 - clamp(yy - 0.344136 * cb - 0.714136 * cr);
        d = 255 - clamp(yy + 1.772 * cb);
      }
      let total = 0;
      for (const s of [a, b, d, kk]) total += inverted ? 255 - clamp(s) : clamp(s);
      ink[y * gw + x] = total;
    }
  }
  return windows(ink, gw, gh);
}

/** The most and the share over the limit of the window means (sums over a summed-area table). */
function windows(ink: Float64Array, gw: number, gh: number): PictureInk {
  const wx = Math.min(INK_WINDOW_BLOCKS, gw);
  const wy = Math.min(INK_WINDOW_BLOCKS, gh);
  const sat = new Float64Array((gw + 1) * (gh + 1));
  for (let y = 0; y < gh; y++) {
    let row = 0;
    for (let x = 0; x < gw; x++) {
      row += ink[y * gw + x];
      sat[(y + 1) * (gw + 1) + x + 1] = sat[y * (gw + 1) + x + 1] + row;
    }
  }
  let most = 0;
  let over = 0;
  let count = 0;
  const limit = (NEWSPRINT_INK_LIMIT / 100) * 255;
  for (let y = 0; y + wy <= gh; y++) {
    for (let x = 0; x + wx <= gw; x++) {
      const s = sat[(y + wy) * (gw + 1) + x + wx] - sat[y * (gw + 1) + x + wx] - sat[(y + wy) * (gw + 1) + x] + sat[y * (gw + 1) + x];
      const mean = s / (wx * wy);
      if (mean > most) most = mean;
      if (mean > limit) over++;
      count++;
    }
  }
  return { most: (most / 255) * 100, over: over / count };
}

/** A picture's facts as the library keeps them: readJpeg's and, for CMYK, its total ink. */
export interface PictureFacts extends JpegInfo {
  /** Null for gray and RGB pictures. */
  ink: PictureInk | null;
}

/** readJpeg and measureInk in one: what storing a picture reads. Throws ImageError as they do. */
export function readPicture(bytes: Uint8Array): PictureFacts {
  const info = readJpeg(bytes);
  return { ...info, ink: measureInk(bytes, info) };
}
