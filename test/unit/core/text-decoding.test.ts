import * as assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/text-decoding';

describe('decodeText', () => {
  const text = '{"a": "é €"}\n';
  it('reads UTF-8 with and without a BOM, UTF-16 with a BOM and ASCII-led UTF-16 without one', () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const cases: Array<[Buffer, string]> = [
      [Buffer.from(text), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8 with BOM'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be'],
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ];
    for (const [bytes, encoding] of cases) assert.deepEqual(decodeText(bytes), { ok: true, text, encoding }, encoding);
  });

  it('reports what it cannot decode, with a lossy text to recognise the file by', () => {
    const invalid = decodeText(Buffer.from([0x41, 0x57, 0x53, 0xc3, 0x28]));
    assert.equal(invalid.ok, false);
    assert.deepEqual(invalid.ok ? undefined : [invalid.reason, invalid.lossy.slice(0, 3)], ['it is not valid UTF-8 or UTF-16 text', 'AWS']);
    const odd = decodeText(Buffer.from([0xff, 0xfe, 0x41]));
    assert.deepEqual(odd.ok ? undefined : odd.reason, 'it is UTF-16LE with an odd number of bytes');
    const nul = decodeText(Buffer.from([0x41, 0x42, 0x00, 0x43, 0x00]));
    assert.equal(nul.ok, false);
  });
});
