import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (name) => name === 'Tag' });
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false, format: false });

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * Parses an XML request body; `Tag` is always an array so one tag and many look the same. Throws on XML that is
 * not well-formed (the parser alone is lenient about unclosed elements).
 */
export function parseXml(body: string): Record<string, unknown> {
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg}`);
  return parser.parse(body) as Record<string, unknown>;
}

/** Serialises `{ Root: {...} }` with an optional xmlns on the root element. */
export function toXml(rootName: string, content: unknown, xmlns?: string): string {
  const root = xmlns && typeof content === 'object' && content !== null ? { '@_xmlns': xmlns, ...content } : content;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [rootName]: root }) as string}`;
}
