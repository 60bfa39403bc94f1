// Reading files to import: UTF-8 and the legacy encodings newsrooms still write are read; bad
// bytes are refused with the file name and line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileImportError, firstInvalidUtf8, importFile, readImportFile } from '../../../electron/services/import/read-file';
import { big5, gbk, utf16 } from '../../helpers/legacy-encoding';

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

const FIXTURE = readFileSync(join(__dirname, '../../../../shared/fixtures/taiyuan-daily-2024-01.txt'), 'utf8');
const TRADITIONAL = '## 臺北市推動智慧城市計畫\n\n本報訊　臺北市政府今日宣布，將於明年推動「智慧城市」計畫，預計投入新臺幣三十億元，改善交通與公共服務。\n';

describe('readImportFile', () => {
  it('reads UTF-8 text and names the file', () => {
    const path = file('good.txt', '## 标题\n\n正文。\n');
    const r = readImportFile(path);
    expect(r.text).toBe('## 标题\n\n正文。\n');
    expect(r.encoding).toBe('utf-8');
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

  it('reads GB18030 (GBK, GB2312) text by itself: the real page comes out as its UTF-8 copy', () => {
    const r = readImportFile(file('gbk-page.txt', gbk(FIXTURE)));
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe(FIXTURE.replace(/\r\n?/g, '\n'));
    // a two-character line is enough
    expect(readImportFile(file('gb-short.txt', gbk('你好\n'))).text).toBe('你好\n');
  });

  it('reads Big5 text by itself, even without the low trail bytes that mark most of it', () => {
    const r = readImportFile(file('big5.txt', big5(TRADITIONAL)));
    expect(r).toMatchObject({ encoding: 'big5', text: TRADITIONAL });
    // 中文 is A4A4 A4E5 in Big5: shaped like GB2312, where it would read as kana (いゅ)
    expect(readImportFile(file('big5-short.txt', big5('中文\n')))).toMatchObject({ encoding: 'big5', text: '中文\n' });
  });

  it('reads GBK with a table, pinyin, Greek or Cyrillic as GB18030, not as Big5', () => {
    for (const [name, text] of [
      ['table', '## 主要指标\n\n┌──┬──┐\n│项目│数值│\n└──┴──┘\n全省生产总值增长百分之五。\n'],
      ['pinyin', '## 学拼音\n\n“太原”读作 tài yuán，“山西”读作 shān xī。\n'],
      ['russian', '## 中俄经贸论坛举行\n\n俄罗斯代表Иван Петров出席论坛并致辞。\n'],
      ['greek', '## 科学家发现新粒子\n\n实验测得α粒子与β射线的能量比。\n'],
    ]) {
      expect(readImportFile(file(`gb-${name}.txt`, gbk(text))), name).toMatchObject({ encoding: 'gb18030', text });
    }
  });

  it('refuses GBK text with UTF-8 pasted into it, and a UTF-8 file read as a legacy encoding', () => {
    // the real page in GBK with one word pasted from UTF-8 copy (旅游 in the first headline)
    const at = FIXTURE.indexOf('旅游');
    const page = Buffer.concat([gbk(FIXTURE.slice(0, at)), utf8('旅游'), gbk(FIXTURE.slice(at + 2))]);
    const e = failure(() => readImportFile(file('page-gbk-utf8.txt', page)));
    expect(e).toMatchObject({ code: 'encoding', line: FIXTURE.slice(0, at).split('\n').length });
    expect(e.message).toContain('GB18030 text with UTF-8 pasted into it');
    // a short one is refused too (as not UTF-8 and not recognisably GB), and named, with its line
    const mixed = Buffer.concat([gbk('## 省政府支持太原打造为旅游热点门户城市\n\n本报讯　省政府召开'), utf8('会议'), gbk('，部署全年工作。\n')]);
    expect(failure(() => readImportFile(file('gbk-utf8.txt', mixed))).code).toBe('encoding');
    expect(failure(() => readImportFile(file('gbk-utf8b.txt', mixed), { encoding: 'gb18030' }))).toMatchObject({ line: 3, message: expect.stringContaining('UTF-8 pasted') });
    // the real page, in UTF-8, named windows-1252 or gbk: garbled if read so
    const utf8Page = file('page-utf8.txt', FIXTURE);
    for (const encoding of ['windows-1252', 'gb18030', 'big5'] as const) {
      expect(failure(() => readImportFile(utf8Page, { encoding })).message, encoding).toContain('the file is UTF-8');
    }
  });

  it('refuses Big5 with Hong Kong (HKSCS) characters, which Node reads as private-use codes', () => {
    // 邨 is 9068 in Big5-HKSCS: TextDecoder('big5') gives U+E473 for it
    const hk = Buffer.concat([big5('## 香港消息\n\n屋'), Buffer.from([0x90, 0x68]), big5('居民今日遷入新居，市民排隊參觀。\n')]);
    const e = failure(() => readImportFile(file('hkscs.txt', hk), { encoding: 'big5' }));
    expect(e).toMatchObject({ code: 'encoding', line: 3 });
    expect(e.message).toContain('HKSCS');
    expect(failure(() => readImportFile(file('hkscs-auto.txt', hk))).code).toBe('encoding');
  });

  it('reads UTF-16 with a byte-order mark, either order, and refuses it without one', () => {
    expect(readImportFile(file('le.txt', utf16('## 标题\r\n\r\n正文。\r\n', 'le')))).toMatchObject({ encoding: 'utf-16le', text: '## 标题\n\n正文。\n' });
    expect(readImportFile(file('be.txt', utf16('## 标题\n正文 😀\n', 'be')))).toMatchObject({ encoding: 'utf-16be', text: '## 标题\n正文 😀\n' });
    // --encoding utf-16 (read as utf-16le) on a big-endian file: its mark settles the order
    expect(readImportFile(file('be2.txt', utf16('## 标题\n', 'be')), { encoding: 'utf-16le' })).toMatchObject({ encoding: 'utf-16be', text: '## 标题\n' });
    const bare = failure(() => readImportFile(file('bare16.txt', Buffer.from('## 标题\n', 'utf16le'))));
    expect(bare).toMatchObject({ code: 'binary' });
    expect(bare.message).toContain('--encoding utf-16le');
    expect(readImportFile(file('bare16b.txt', Buffer.from('## 标题\n', 'utf16le')), { encoding: 'utf-16le' }).text).toBe('## 标题\n');
    // binary content is still found in UTF-16: a NUL character on line 2
    expect(failure(() => readImportFile(file('nul16.txt', utf16('a\n\0\0\0b', 'le'))))).toMatchObject({ code: 'binary', line: 2 });
    // a lone surrogate is not UTF-16
    const lone = Buffer.concat([utf16('a\nb\n', 'le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(failure(() => readImportFile(file('lone.txt', lone)))).toMatchObject({ code: 'encoding', line: 3 });
  });

  it('does not guess Windows-1252, and reads it when told', () => {
    const bytes = Buffer.from('The council\x92s \x93new\x94 budget \x96 after a caf\xe9 debate.\n', 'latin1');
    const e = failure(() => readImportFile(file('cp1252.txt', bytes)));
    expect(e).toMatchObject({ code: 'encoding', line: 1 });
    expect(e.message).toMatch(/invalid UTF-8 \(byte 0x92 at offset 11\).*--encoding \(gb18030, big5, utf-16le, utf-16be, windows-1252\)/);
    // accented words alone are not taken for Big5 or GBK either
    expect(failure(() => readImportFile(file('names.txt', Buffer.from('Régis and Zoë\n', 'latin1'))))).toMatchObject({ code: 'encoding' });
    expect(readImportFile(file('cp1252b.txt', bytes), { encoding: 'windows-1252' })).toMatchObject({
      encoding: 'windows-1252',
      text: 'The council’s “new” budget – after a café debate.\n',
    });
  });

  it('refuses bytes that are not in the encoding given, naming the line', () => {
    const bytes = Buffer.concat([gbk('## 标题\n\n第一段。\n'), Buffer.from([0x81, 0x20]), gbk('\n')]);
    const e = failure(() => readImportFile(file('bad-gb.txt', bytes), { encoding: 'gb18030' }));
    expect(e).toMatchObject({ code: 'encoding', line: 4 });
    expect(e.message).toContain('not valid GB18030');
    // a byte-order mark that says otherwise
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('## 标题\n')]);
    expect(failure(() => readImportFile(file('bom-gb.txt', bom), { encoding: 'gb18030' })).message).toContain('UTF-8 byte-order mark, but --encoding says GB18030');
    // UTF-8 given explicitly is checked as before
    expect(readImportFile(file('bom-u8.txt', bom), { encoding: 'utf-8' }).text).toBe('## 标题\n');
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
