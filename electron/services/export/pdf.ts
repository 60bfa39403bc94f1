// Assembles painted pages and font programs into one PDF with pdf-lib — objects only: no
// drawText, no embedFont, no default RGB anything. What the printing plant needs (PDF/X):
//
// - pages with MediaBox ⊇ BleedBox ⊇ TrimBox;
// - fonts as Type0 / CIDFontType2 / Identity-H with FontFile2, /W, CIDToGIDMap /Identity
//   and a ToUnicode CMap;
// - one ExtGState for overprint (/OP /op true, /OPM 1) used by text and rules, one plain
//   ExtGState (knockout) for fills, a Separation /All colour space for marks;
// - Info (Title, Creator, Producer, dates, Trapped /False, GTS_PDFX keys), an XMP packet,
//   exactly one OutputIntent /GTS_PDFX, and a trailer /ID: 16 bytes of a SHA-256 of what
//   the file holds (content streams, font programs, Info), from fonts hashed once per export;
// - header %PDF-1.3 for PDF/X-1a:2001 or %PDF-1.6 for PDF/X-4 (pdf-lib writes 1.7: the
//   bytes are patched after save), no object streams.
import { createHash } from 'node:crypto';
import { PDFArray, PDFBool, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFPageLeaf, PDFPageTree, PDFRawStream, PDFRef, PDFString, PDFWriter } from './pdf-core';
import type { FontId } from '../../../shared/text/font';
import { deflate, deflateAsync, type FontProgram } from './font-program';
import { imageEntries, imageResource, type PlateImage } from './images';
import { CS_ALL, fontResource, GS_KNOCKOUT, GS_OVERPRINT, type PaintedPage } from './paint';
import { xmpPacket } from './xmp';

export interface OutputIntentSpec {
  /** OutputConditionIdentifier: a reference name of the ICC characterization registry, or the profile's name. */
  identifier: string;
  /** OutputCondition: human-readable. */
  condition: string;
  /** RegistryName, http://www.color.org for registered characterizations. */
  registryName: string | null;
  info: string;
  /** The embedded output profile (DestOutputProfile), when given. */
  profile: { data: Uint8Array; n: number } | null;
}

export interface DocumentInfo {
  title: string;
  creator: string;
  producer: string;
  created: Date;
  modified: Date;
  /** BCP 47 (zh-Hans, en). */
  language: string;
}

export interface BuildPdfInput {
  pages: readonly PaintedPage[];
  fonts: ReadonlyMap<FontId, FontProgram>;
  info: DocumentInfo;
  pdfx: 'x1a' | 'x4';
  outputIntent: OutputIntentSpec;
}

export const PDF_VERSION = { x1a: '1.3', x4: '1.6' } as const;

const deflated = new WeakMap<PaintedPage, Promise<Uint8Array>>();

/**
 * The page's content stream, compressed once (in the thread pool) and shared by every file
 * it goes into. Call it as soon as a page is painted to start the compression.
 */
export function pageContent(page: PaintedPage): Promise<Uint8Array> {
  let d = deflated.get(page);
  if (!d) deflated.set(page, (d = deflateAsync(page.ops)));
  return d;
}

const profiles = new WeakMap<Uint8Array, Uint8Array>();

/** SHA-256 of a font program and its ToUnicode map, once per export (every file shares them). */
const fontDigests = new WeakMap<FontProgram, string>();

function fontDigest(f: FontProgram): string {
  let d = fontDigests.get(f);
  if (!d) fontDigests.set(f, (d = createHash('sha256').update(f.program).update(f.toUnicode).update(f.baseFont).digest('hex')));
  return d;
}

/** pdf-lib's own PDFName instances, looked up here first: PDFName.of runs a #-escape regex on every call. */
const names = new Map<string, PDFName>();

function name(s: string): PDFName {
  let n = names.get(s);
  if (!n) names.set(s, (n = PDFName.of(s)));
  return n;
}

function dict(context: PDFContext, entries: Record<string, unknown>): PDFDict {
  const d = PDFDict.withContext(context);
  for (const [k, v] of Object.entries(entries)) d.set(name(k), v as never);
  return d;
}

function numbers(context: PDFContext, xs: readonly number[]): PDFArray {
  const a = PDFArray.withContext(context);
  for (const x of xs) a.push(PDFNumber.of(x));
  return a;
}

/** A text string: PDFDocEncoding-safe ASCII as a literal, anything else as UTF-16BE hex. */
function text(s: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(s) ? PDFString.of(s.replace(/([()\\])/g, '\\$1')) : PDFHexString.fromText(s);
}

function pdfDate(d: Date): PDFString {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return PDFString.of(`D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+00'00'`);
}

const STREAM = Buffer.from('\nstream\n', 'latin1');
const ENDSTREAM = Buffer.from('\nendstream', 'latin1');

/**
 * A raw stream whose bytes pdf-lib copies with one `set` (its own copyBytesInto copies a
 * byte at a time: ~15 ms for the 2.6 MB of a broadsheet export). Same output.
 */
function fastStream(dict: PDFDict, bytes: Uint8Array): PDFRawStream {
  const s = PDFRawStream.of(dict, bytes);
  return Object.assign(s, {
    copyBytesInto(buffer: Uint8Array, offset: number): number {
      s.updateDict();
      const start = offset;
      offset += s.dict.copyBytesInto(buffer, offset);
      buffer.set(STREAM, offset);
      offset += STREAM.length;
      buffer.set(bytes, offset);
      offset += bytes.length;
      buffer.set(ENDSTREAM, offset);
      offset += ENDSTREAM.length;
      return offset - start;
    },
  });
}

function stream(context: PDFContext, entries: Record<string, unknown>, bytes: Uint8Array): PDFRef {
  return context.register(fastStream(dict(context, entries), bytes));
}

/** A picture as an image XObject: a JPEG's bytes as they are (DCTDecode) or separated pixels (Flate), gray or CMYK. */
function embedImage(context: PDFContext, a: PlateImage): PDFRef {
  const { colorSpace, decode } = imageEntries(a);
  const entries: Record<string, unknown> = {
    Type: name('XObject'),
    Subtype: name('Image'),
    Width: PDFNumber.of(a.width),
    Height: PDFNumber.of(a.height),
    ColorSpace: name(colorSpace),
    BitsPerComponent: PDFNumber.of(8),
    Filter: name(a.filter),
  };
  if (decode) entries.Decode = numbers(context, decode);
  return stream(context, entries, a.data);
}

function embedFont(context: PDFContext, f: FontProgram): PDFRef {
  const info = f.info;
  const k = 1000 / info.unitsPerEm;
  const file = stream(context, { Filter: name('FlateDecode'), Length1: PDFNumber.of(f.programLength) }, f.program);
  const flags = 4 | (info.fixedPitch ? 1 : 0) | (info.serif ? 2 : 0) | (info.italicAngle !== 0 ? 64 : 0);
  const descriptor = context.register(
    dict(context, {
      Type: name('FontDescriptor'),
      FontName: name(f.baseFont),
      Flags: PDFNumber.of(flags),
      FontBBox: numbers(context, info.bbox.map((v) => Math.round(v * k))),
      ItalicAngle: PDFNumber.of(info.italicAngle),
      Ascent: PDFNumber.of(Math.round(info.ascent * k)),
      Descent: PDFNumber.of(Math.round(info.descent * k)),
      CapHeight: PDFNumber.of(Math.round(info.capHeight * k)),
      StemV: PDFNumber.of(Math.round(10 + (220 * Math.max(0, info.weight - 50)) / 900)),
      FontFile2: file,
    }),
  );
  const cidFont = context.register(
    dict(context, {
      Type: name('Font'),
      Subtype: name('CIDFontType2'),
      BaseFont: name(f.baseFont),
      CIDSystemInfo: dict(context, { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: PDFNumber.of(0) }),
      FontDescriptor: descriptor,
      DW: PDFNumber.of(1000),
      // Written as raw PDF syntax: thousands of numbers, no pdf-lib objects needed.
      W: widthArray(f),
      CIDToGIDMap: name('Identity'),
    }),
  );
  const toUnicode = stream(context, { Filter: name('FlateDecode') }, f.toUnicode);
  const descendants = PDFArray.withContext(context);
  descendants.push(cidFont);
  return context.register(
    dict(context, {
      Type: name('Font'),
      Subtype: name('Type0'),
      BaseFont: name(f.baseFont),
      Encoding: name('Identity-H'),
      DescendantFonts: descendants,
      ToUnicode: toUnicode,
    }),
  );
}

/** Each font's /W array, made once per export: every file that embeds the font writes the same bytes. */
const widthArrays = new WeakMap<FontProgram, PDFArray>();

function widthArray(f: FontProgram): PDFArray {
  let w = widthArrays.get(f);
  if (!w) widthArrays.set(f, (w = rawArray(f.widths)));
  return w;
}

/** A PDF object written verbatim (pdf-lib serialises any object with these methods; it keeps no state). */
function rawArray(body: string): PDFArray {
  const s = `[${body}]`;
  const bytes = Buffer.from(s, 'latin1');
  const o = {
    clone: () => o,
    toString: () => s,
    sizeInBytes: () => bytes.length,
    copyBytesInto: (buffer: Uint8Array, offset: number) => {
      buffer.set(bytes, offset);
      return bytes.length;
    },
  };
  return o as unknown as PDFArray;
}

export async function buildPdf(input: BuildPdfInput): Promise<Uint8Array> {
  const contents = await Promise.all(input.pages.map(pageContent));
  // What PDFDocument.create, addPage and save do, with pdf-lib's core only (pdf-core.ts).
  const context = PDFContext.create();
  const pageTree = PDFPageTree.withContext(context);
  const pageTreeRef = context.register(pageTree);
  // The catalog as a plain dictionary, as PDFCatalog.withContextAndPages makes it (that class
  // would bring pdf-lib's AcroForm and viewer-preference modules into every cold start).
  const catalog = dict(context, { Type: name('Catalog'), Pages: pageTreeRef });
  context.trailerInfo.Root = context.register(catalog);
  const { info, pdfx, outputIntent } = input;

  const overprint = context.register(dict(context, { Type: name('ExtGState'), OP: PDFBool.True, op: PDFBool.True, OPM: PDFNumber.of(1) }));
  const knockout = context.register(dict(context, { Type: name('ExtGState'), OP: PDFBool.False, op: PDFBool.False, OPM: PDFNumber.of(1) }));
  let all: PDFRef | null = null;
  if (input.pages.some((p) => p.usesAll)) {
    const tint = dict(context, { FunctionType: PDFNumber.of(2), Domain: numbers(context, [0, 1]), C0: numbers(context, [0, 0, 0, 0]), C1: numbers(context, [1, 1, 1, 1]), N: PDFNumber.of(1) });
    all = context.register(context.obj([name('Separation'), name('All'), name('DeviceCMYK'), tint]));
  }

  const fontRefs = new Map<FontId, PDFRef>();
  for (const id of [...input.fonts.keys()].sort()) fontRefs.set(id, embedFont(context, input.fonts.get(id)!));
  // Pictures: one image XObject each, however many pages of the file draw it.
  const imageRefs = new Map<string, PDFRef>();
  for (const p of input.pages) for (const a of p.images) if (!imageRefs.has(a.ref)) imageRefs.set(a.ref, embedImage(context, a));

  for (const [i, p] of input.pages.entries()) {
    const node = PDFPageLeaf.withContextAndParent(context, PDFRef.of(-1));
    const ref = context.register(node);
    node.setParent(pageTree.insertLeafNode(ref, i) ?? pageTreeRef);
    node.set(name('MediaBox'), numbers(context, p.boxes.media));
    node.set(name('BleedBox'), numbers(context, p.boxes.bleed));
    node.set(name('TrimBox'), numbers(context, p.boxes.trim));
    const fonts = PDFDict.withContext(context);
    for (const id of p.fonts) {
      const ref = fontRefs.get(id);
      if (!ref) throw new Error(`page ${p.label}: font ${id} is not embedded`);
      fonts.set(name(fontResource(id)), ref);
    }
    const resources = dict(context, {
      ProcSet: context.obj([name('PDF'), name('Text'), ...(p.images.some((a) => a.components === 1) ? [name('ImageB')] : []), ...(p.images.some((a) => a.components === 4) ? [name('ImageC')] : [])]),
      ExtGState: dict(context, { [GS_OVERPRINT]: overprint, [GS_KNOCKOUT]: knockout }),
      Font: fonts,
    });
    if (p.images.length > 0) resources.set(name('XObject'), dict(context, Object.fromEntries(p.images.map((a) => [imageResource(a.ref), imageRefs.get(a.ref)!]))));
    if (p.usesAll && all) resources.set(name('ColorSpace'), dict(context, { [CS_ALL]: all }));
    node.set(name('Resources'), resources);
    node.set(name('Contents'), stream(context, { Filter: name('FlateDecode') }, contents[i]));
  }

  // Page labels: a viewer shows A1, 第2版, B3 for the pages, as printed, not 1, 2, 3.
  const nums = PDFArray.withContext(context);
  for (const [i, p] of input.pages.entries()) {
    nums.push(PDFNumber.of(i));
    nums.push(dict(context, { P: text(p.label) }));
  }
  catalog.set(name('PageLabels'), dict(context, { Nums: nums }));

  // Output intent: exactly one, /GTS_PDFX.
  const intent = dict(context, {
    Type: name('OutputIntent'),
    S: name('GTS_PDFX'),
    OutputConditionIdentifier: text(outputIntent.identifier),
    OutputCondition: text(outputIntent.condition),
    Info: text(outputIntent.info),
  });
  if (outputIntent.registryName) intent.set(name('RegistryName'), text(outputIntent.registryName));
  if (outputIntent.profile) {
    const raw = outputIntent.profile.data;
    let z = profiles.get(raw);
    if (!z) profiles.set(raw, (z = deflate(raw)));
    intent.set(name('DestOutputProfile'), stream(context, { N: PDFNumber.of(outputIntent.profile.n), Filter: name('FlateDecode') }, z));
  }
  catalog.set(name('OutputIntents'), context.obj([context.register(intent)]));

  // Metadata: XMP (uncompressed, as PDF/X and PDF/A readers expect) and Info.
  const pageHash = createHash('sha256');
  for (const c of contents) pageHash.update(c);
  pageHash.update(JSON.stringify([info.title, info.created.toISOString(), pdfx, outputIntent.identifier]));
  const docId = pageHash.digest('hex').slice(0, 32);
  const xmp = Buffer.from(xmpPacket({ ...info, pdfx, id: docId }), 'utf8');
  catalog.set(name('Metadata'), stream(context, { Type: name('Metadata'), Subtype: name('XML') }, xmp));
  if (pdfx === 'x4') catalog.set(name('Lang'), text(info.language));

  const infoDict = dict(context, {
    Title: text(info.title),
    Creator: text(info.creator),
    Producer: text(info.producer),
    CreationDate: pdfDate(info.created),
    ModDate: pdfDate(info.modified),
    Trapped: name('False'),
  });
  if (pdfx === 'x1a') {
    infoDict.set(name('GTS_PDFXVersion'), PDFString.of('PDF/X-1:2001'));
    infoDict.set(name('GTS_PDFXConformance'), PDFString.of('PDF/X-1a:2001'));
  } else infoDict.set(name('GTS_PDFXVersion'), PDFString.of('PDF/X-4'));
  context.trailerInfo.Info = context.register(infoDict);
  // /ID: 16 bytes of a SHA-256 (SHA-NI makes it 2.4× faster than MD5 here) over what makes
  // this file this file — its pages' content streams (docId), its fonts and its Info —
  // rather than over the file's 0.3–0.4 MB: the parts shared by every file are hashed once.
  const idHash = createHash('sha256').update(docId).update(pdfx).update(JSON.stringify([info.title, info.creator, info.producer, info.created.toISOString(), info.modified.toISOString(), info.language]));
  for (const id of [...input.fonts.keys()].sort()) idHash.update(fontDigest(input.fonts.get(id)!));
  for (const p of input.pages) idHash.update(JSON.stringify([p.label, p.boxes, p.images.map((a) => a.ref)]));
  const fileId = idHash.digest('hex').slice(0, 32).toUpperCase();
  context.trailerInfo.ID = context.obj([PDFHexString.of(fileId), PDFHexString.of(fileId)]);

  // Infinity objects per tick: pdf-lib otherwise waits a timer tick every 50 objects.
  const bytes = await PDFWriter.forContext(context, Infinity).serializeToBuffer();
  patchHeader(bytes, PDF_VERSION[pdfx]);
  return bytes;
}

function patchHeader(bytes: Uint8Array, version: string): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1');
  if (!/^%PDF-\d\.\d$/.test(head)) throw new Error(`unexpected PDF header ${JSON.stringify(head)}`);
  bytes.set(Buffer.from(`%PDF-${version}`, 'latin1'), 0);
}
