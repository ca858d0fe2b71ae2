/**
 * The text of a file's bytes as editors read it: a UTF-8 byte order mark is dropped, UTF-16 with a byte order mark
 * (what Windows PowerShell's `>` writes, e.g. from `terraform show -json`) is decoded, and so is UTF-16 without one
 * when its first characters are ASCII. Anything that is not valid UTF-8 or UTF-16 is reported, never guessed: a
 * file read as garbage would be checked as if it said nothing.
 */
export type DecodedText =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName }
  | { readonly ok: false; readonly reason: string; readonly lossy: string };

export type TextEncodingName = 'utf-8' | 'utf-8 with BOM' | 'utf-16le' | 'utf-16be';

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), 'utf-8 with BOM');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  // No byte order mark: ASCII text in UTF-16 has a zero byte in every pair (`{` is 7B 00 in UTF-16LE).
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return utf16(bytes, 'utf-16le');
    if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return utf16(bytes, 'utf-16be');
  }
  return utf8(bytes, 'utf-8');
}

function utf8(bytes: Uint8Array, encoding: TextEncodingName): DecodedText {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    // A NUL is no text editors show as such (a binary file, or UTF-16 our guess above did not catch).
    if (text.includes('\u0000')) return failed('it holds NUL characters (binary, or UTF-16 without a byte order mark)', bytes);
    return { ok: true, text, encoding };
  } catch {
    return failed('it is not valid UTF-8 or UTF-16 text', bytes);
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  if (bytes.length % 2 !== 0) return failed(`it is ${encoding.toUpperCase()} with an odd number of bytes`, bytes);
  // Big-endian pairs swapped into little-endian: the one UTF-16 decoder every Node build has.
  const littleEndian = encoding === 'utf-16le' ? bytes : swapPairs(bytes);
  try {
    const text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(littleEndian);
    return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text, encoding };
  } catch {
    return failed(`it is not valid ${encoding.toUpperCase()} text`, bytes);
  }
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return swapped;
}

function failed(reason: string, bytes: Uint8Array): DecodedText {
  return { ok: false, reason, lossy: new TextDecoder('utf-8').decode(bytes).replace(/\u0000/g, '') };
}
