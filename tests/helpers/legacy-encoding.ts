// Text in the legacy encodings newsrooms still write, for the import tests.

/** An encoder for a legacy two-byte encoding, built from its decoder (Node has no GB or Big5 encoder). */
function legacyEncoder(label: 'gb18030' | 'big5'): (s: string) => Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder(label, { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a character of the encoding
      }
    }
  }
  return (s) => {
    const out: number[] = [];
    for (const ch of s) {
      if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
      else {
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`${ch} has no two-byte ${label} form`);
        out.push(...bytes);
      }
    }
    return Buffer.from(out);
  };
}
/** GBK: the two-byte part of GB18030, which holds every character of a mainland paper. */
export const gbk = legacyEncoder('gb18030');
export const big5 = legacyEncoder('big5');
/** UTF-16 with its byte-order mark. */
export const utf16 = (s: string, order: 'le' | 'be') => {
  const le = Buffer.from(s, 'utf16le');
  return order === 'le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
};
