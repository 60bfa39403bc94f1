// Reading files to import: bad bytes are refused with the file name and line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileImportError, firstInvalidUtf8, importFile, readImportFile } from '../../../electron/services/import/read-file';

const dir = mkdtempSync(join(tmpdir(), 'pasteup-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function failure(fn: () => unknown): FileImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FileImportError);
    return e as FileImportError;
  }
  throw new Error('expected a FileImportError');
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('readImportFile', () => {
  it('reads UTF-8 text and names the file', () => {
    const path = file('good.txt', '## 标题\n\n正文。\n');
    const r = readImportFile(path);
    expect(r.text).toBe('## 标题\n\n正文。\n');
    expect(r.fileName).toBe('good.txt');
    expect(r.bytes.equals(utf8('## 标题\n\n正文。\n'))).toBe(true);
  });

  it('refuses an empty file', () => {
    const e = failure(() => readImportFile(file('empty.txt', '')));
    expect(e).toMatchObject({ code: 'empty', fileName: 'empty.txt', line: null });
    expect(e.message).toBe('empty.txt: the file is empty');
    expect(failure(() => readImportFile(file('bom-only.txt', Buffer.from([0xef, 0xbb, 0xbf]))))).toMatchObject({ code: 'empty' });
  });

  it('refuses a binary file and names the line where binary content starts', () => {
    const nul = failure(() => readImportFile(file('nul.txt', Buffer.concat([utf8('第一行\n第二行\n第三'), Buffer.from([0x00, 0x01, 0x02])]))));
    expect(nul).toMatchObject({ code: 'binary', fileName: 'nul.txt', line: 3 });
    expect(nul.message).toMatch(/^nul\.txt:3: binary content/);
    const controls = Buffer.alloc(200, 0x01);
    controls[0] = 0x41;
    controls[1] = 0x0a;
    expect(failure(() => readImportFile(file('controls.bin', controls)))).toMatchObject({ code: 'binary', line: 2 });
    // a PNG header is refused too: its NUL comes after two line feeds
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(failure(() => readImportFile(file('image.png', png)))).toMatchObject({ code: 'binary', line: 3 });
  });

  it('accepts a few stray control characters in real text', () => {
    const text = `${'正文。'.repeat(50)}\f\n${'更多正文。'.repeat(50)}\n`;
    expect(readImportFile(file('formfeed.txt', text)).text).toBe(text);
  });

  it('refuses invalid UTF-8 and names the line of the first invalid byte', () => {
    const bytes = Buffer.concat([utf8('## 标题\n\n第一段。\n'), utf8('第二段'), Buffer.from([0xc4, 0xe3]), utf8('。\n')]);
    const e = failure(() => readImportFile(file('gbk.txt', bytes)));
    expect(e).toMatchObject({ code: 'encoding', fileName: 'gbk.txt', line: 4 });
    expect(e.message).toMatch(/^gbk\.txt:4: invalid UTF-8 \(byte 0xc4 at offset \d+\)/);
    // a truncated sequence at the end of the file, on line 2
    expect(failure(() => readImportFile(file('cut.txt', Buffer.concat([utf8('a\n标'), Buffer.from([0xe9, 0xa2])]))))).toMatchObject({
      code: 'encoding',
      line: 2,
    });
  });

  it('finds the first invalid UTF-8 byte: stray continuation, overlong form, surrogate', () => {
    expect(firstInvalidUtf8(utf8('中文 abc 😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });

  it('refuses UTF-16 with a hint', () => {
    const e = failure(() => readImportFile(file('utf16.txt', Buffer.from([0xff, 0xfe, 0x61, 0x00]))));
    expect(e).toMatchObject({ code: 'encoding', line: 1 });
    expect(e.message).toContain('UTF-16');
  });

  it('strips a UTF-8 BOM', () => {
    const r = readImportFile(file('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('## 标题\n')])));
    expect(r.text).toBe('## 标题\n');
  });

  it('normalises CRLF and CR to LF', () => {
    expect(readImportFile(file('crlf.txt', '## 标题\r\n\r\n正文。\r\n')).text).toBe('## 标题\n\n正文。\n');
    expect(readImportFile(file('cr.txt', '## 标题\r\r正文。\r')).text).toBe('## 标题\n\n正文。\n');
  });

  it('names a missing file', () => {
    expect(failure(() => readImportFile(join(dir, 'missing.txt')))).toMatchObject({ code: 'unreadable', fileName: 'missing.txt' });
  });
});

describe('importFile', () => {
  it('reads and imports, with line numbers of the file', () => {
    const path = file('story.txt', '\uFEFF## 标题\r\n\r\n正文,第一段。\r\n\r\n记者 李静\r\n');
    const r = importFile(path);
    expect(r.fileName).toBe('story.txt');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]).toMatchObject({ line: 1, content: { headline: ['标题'], byline: '记者 李静' } });
    expect(r.articles[0].content.body).toEqual([{ type: 'paragraph', text: '正文，第一段。' }]);
  });

  it("turns the importer's errors into errors naming the file and line", () => {
    const blank = failure(() => importFile(file('blank.txt', '  \n\n  \n')));
    expect(blank).toMatchObject({ code: 'import', fileName: 'blank.txt', line: null });
    const creditOnly = failure(() => importFile(file('credit.txt', '\n\n(何宝国)\n')));
    expect(creditOnly).toMatchObject({ code: 'import', line: 3 });
    expect(creditOnly.message).toMatch(/^credit\.txt:3: /);
  });

  it('passes options through', () => {
    const r = importFile(file('en.md', '# Title\n\nBody **bold**.'), { format: 'plain' });
    expect(r.articles[0].content.body).toEqual([{ type: 'paragraph', text: 'Body **bold**.' }]);
  });
});
