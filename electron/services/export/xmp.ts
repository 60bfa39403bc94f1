// The XMP metadata packet: the same title, tool and dates as the Info dictionary, and the
// PDF/X version (pdfxid:GTS_PDFXVersion is how PDF/X-4 declares itself; PDF/X-1a:2001 is
// declared in Info, repeated here in Adobe's pdfx namespace).

import type { DocumentInfo } from './pdf';

/** The Info dictionary's fields, the flavour and the document id. */
export interface XmpInput extends DocumentInfo {
  pdfx: 'x1a' | 'x4';
  /** 32 hex digits identifying the document (deterministic). */
  id: string;
}

/**
 * Text as a document's metadata can hold it: characters XML 1.0 allows in no form — C0
 * controls but tab, LF and CR, U+FFFE/U+FFFF and lone surrogates (a BEL typed into an
 * edition's name) — dropped. The export cleans the title with it once, so that Info's /Title
 * and the packet's dc:title stay the same (PDF/X wants them equal).
 */
export function metadataText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Escaped for XML text and attributes (and cleaned by metadataText: the packet must stay well-formed). */
function esc(s: string): string {
  return metadataText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function xmpDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An RFC 4122 name-based UUID (version 5 and variant bits set) from 32 hex digits of a SHA-256. */
function uuid(hex: string): string {
  const h = hex.toLowerCase().padEnd(32, '0');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function xmpPacket(x: XmpInput): string {
  const pdfx =
    x.pdfx === 'x4'
      ? `   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n`
      : `   <pdfx:GTS_PDFXVersion>PDF/X-1:2001</pdfx:GTS_PDFXVersion>\n   <pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>\n`;
  const body =
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">\n` +
    ` <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n` +
    `  <rdf:Description rdf:about=""\n` +
    `    xmlns:dc="http://purl.org/dc/elements/1.1/"\n` +
    `    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n` +
    `    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n` +
    `    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"\n` +
    `    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"\n` +
    `    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">\n` +
    `   <dc:format>application/pdf</dc:format>\n` +
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(x.title)}</rdf:li></rdf:Alt></dc:title>\n` +
    `   <dc:language><rdf:Bag><rdf:li>${esc(x.language)}</rdf:li></rdf:Bag></dc:language>\n` +
    `   <xmp:CreatorTool>${esc(x.creator)}</xmp:CreatorTool>\n` +
    `   <xmp:CreateDate>${xmpDate(x.created)}</xmp:CreateDate>\n` +
    `   <xmp:ModifyDate>${xmpDate(x.modified)}</xmp:ModifyDate>\n` +
    `   <xmp:MetadataDate>${xmpDate(x.modified)}</xmp:MetadataDate>\n` +
    `   <pdf:Producer>${esc(x.producer)}</pdf:Producer>\n` +
    `   <pdf:Trapped>False</pdf:Trapped>\n` +
    `   <xmpMM:DocumentID>${uuid(x.id)}</xmpMM:DocumentID>\n` +
    `   <xmpMM:InstanceID>${uuid(x.id)}</xmpMM:InstanceID>\n` +
    `   <xmpMM:VersionID>1</xmpMM:VersionID>\n` +
    `   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n` +
    pdfx +
    `  </rdf:Description>\n` +
    ` </rdf:RDF>\n` +
    `</x:xmpmeta>\n`;
  // Padding lets a tool update the packet in place.
  return body + (' '.repeat(99) + '\n').repeat(20) + `<?xpacket end="w"?>`;
}
