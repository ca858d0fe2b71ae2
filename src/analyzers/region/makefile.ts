/**
 * A Makefile seen as one shell script with the same offsets: recipe lines (tab-indented) keep their text, with
 * the tab and make's `@`, `-`, `+` prefixes turned into spaces; every other line is blanked. Positions found in
 * the script are therefore positions in the Makefile. Variable assignments (`NAME = v`, `:=`, `?=`, `export NAME = v`)
 * are returned for `$(NAME)` expansion; a name assigned twice is left out (unknown).
 */
export function makefileAsShell(text: string): { script: string; variables: Map<string, string> } {
  const variables = new Map<string, string>();
  const repeated = new Set<string>();
  const lines = text.split('\n');
  let continuingRecipe = false;
  const script = lines
    .map((line) => {
      const isRecipe = line.startsWith('\t') || continuingRecipe;
      continuingRecipe = isRecipe && /\\\r?$/.test(line);
      if (isRecipe) {
        const prefix = /^\t?[@+-]*/.exec(line)![0];
        return ' '.repeat(prefix.length) + line.slice(prefix.length);
      }
      const assignment = /^\s*(?:export\s+|override\s+)?([A-Za-z_][\w]*)\s*(?::{1,3}=|\?=|=)\s*(.*?)\s*$/.exec(line);
      if (assignment) {
        const [, name, value] = assignment as unknown as [string, string, string];
        if (variables.has(name) || repeated.has(name)) {
          variables.delete(name);
          repeated.add(name);
        } else variables.set(name, value);
      }
      return ' '.repeat(line.length);
    })
    .join('\n');
  return { script, variables };
}
