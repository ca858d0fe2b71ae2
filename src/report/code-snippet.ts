/**
 * Fix edits are written in snippet syntax for the editor (`${1:value}`, `${1|a,b|}`, escapes `\$ \} \\`).
 * Outside a snippet context (the CLI, "fix all", a plain WorkspaceEdit) the placeholders become their default
 * text: the placeholder's text, or a choice's first option.
 */
export function stripSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i]!;
    if (c === '\\' && i + 1 < snippet.length && '$}\\|,'.includes(snippet[i + 1]!)) {
      out += snippet[++i];
    } else if (c === '$' && snippet[i + 1] === '{') {
      const match = /^\$\{(\d+)(?::((?:\\.|[^\\}])*)|\|((?:\\.|[^\\|])*)\|)?\}/.exec(snippet.slice(i));
      if (!match) {
        out += c;
        continue;
      }
      if (match[2] !== undefined) out += stripSnippet(match[2]);
      else if (match[3] !== undefined) out += unescapeChoice(splitChoices(match[3])[0] ?? '');
      i += match[0].length - 1;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else {
      out += c;
    }
  }
  return out;
}

function splitChoices(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      current += text[i]! + text[i + 1]!;
      i++;
    } else if (text[i] === ',') {
      parts.push(current);
      current = '';
    } else current += text[i];
  }
  parts.push(current);
  return parts;
}

function unescapeChoice(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
