import * as assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { escapeXml } from '../../../src/core/xml-escape';

describe("escapeXml (reports, the map and the emulator's XML answers)", () => {
  it('escapes the five characters XML and HTML give meaning to, and nothing else', () => {
    assert.equal(escapeXml(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&#39;f');
    assert.equal(escapeXml('plain ünïcode text'), 'plain ünïcode text');
    assert.equal(escapeXml('&amp;'), '&amp;amp;', 'already escaped text is escaped again: the input is text, not markup');
  });

  it('gives back the text through an XML parser, in content and in attributes', () => {
    const text = `bucket <"o'neil"> & co`;
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(
      `<Error a="${escapeXml(text)}"><Message>${escapeXml(text)}</Message></Error>`,
    ) as { Error: { Message: string; '@_a': string } };
    assert.equal(parsed.Error.Message, text);
    assert.equal(parsed.Error['@_a'], text);
  });
});
