/** The lines of a Markdown text outside fenced code blocks: a `#` line inside one is code, not a heading. */
export function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    return !fenced && !line.trimStart().startsWith('```');
  });
}

/** The headings of a Markdown text, with their level. */
export function headings(markdown: string): { level: number; text: string }[] {
  return proseLines(markdown).flatMap((line) => {
    const match = /^(#{1,6}) +(.*?) *#*$/.exec(line);
    return match ? [{ level: match[1]!.length, text: match[2]! }] : [];
  });
}

/**
 * The anchor GitHub gives a heading: its text in lower case without Markdown marks and punctuation (hyphens
 * and underscores stay), spaces as hyphens, and `-1`, `-2`... on a repeat.
 */
export function githubAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  return new Set(
    headings(markdown).map(({ text }) => {
      const base = text
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      return count === 0 ? base : `${base}-${count}`;
    }),
  );
}

/** Every link target of a Markdown text, outside code blocks and inline code. */
export function linkTargets(markdown: string): string[] {
  return proseLines(markdown).flatMap((line) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!),
  );
}

/** The rows of every table of a Markdown text whose header row starts with `header`, as arrays of cells. */
export function tableRows(markdown: string, header: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  for (const line of proseLines(markdown)) {
    if (!line.startsWith('|')) inTable = false;
    else if (line.startsWith(`| ${header}`)) inTable = true;
    else if (inTable && !/^\| -/.test(line))
      rows.push(
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
  }
  return rows;
}
