import { parse, type IParseOptions } from 'qs';

/**
 * PHP's parse_str for query strings and urlencoded bodies, so `cmd[a]=...` and `ids[]=1` arrive as
 * arrays just as $_GET/$_POST would hold them. PHP arrays are modelled as plain objects.
 */

export type PhpArray = { [key: string]: PhpValue };
export type PhpValue = string | PhpArray;

const PHP_RULES: IParseOptions = {
  decoder: phpDecode,
  duplicates: 'last',
  // Only `[]` makes a list; an explicit index stays a key, as in a PHP array (and `a[1e9]` allocates nothing).
  arrayLimit: 0,
  // PHP keeps names like `toString`, which qs drops by default; nothing calls them on the parsed form.
  allowPrototypes: true,
  // PHP's max_input_nesting_level; no limit on the number of parameters, as before.
  depth: 64,
  parameterLimit: Infinity,
};

export function parsePhpForm(text: string): PhpArray {
  return toPhpArray(parse(escapeLaterEquals(text), PHP_RULES));
}

/** PHP splits a pair at its first `=`; qs would split `q=a]=b` at the `]=`, so the later ones are escaped. */
function escapeLaterEquals(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? pair : pair.slice(0, eq + 1) + pair.slice(eq + 1).replaceAll('=', '%3D');
    })
    .join('&');
}

/*
 * What qs does not do, and so stays here: PHP turns spaces and dots in a variable's base name into
 * underscores (an unclosed `[` too, keeping the whole key as one name), drops leading spaces and names
 * with no base, and decodes each valid escape of a malformed string, where qs leaves it all undecoded.
 * qs has options for neither.
 * Left to qs, unlike PHP and sent by no client: where one name comes in two shapes (`a=1&a[]=2`,
 * `a[5]=x&a[]=y`) qs combines the values where PHP lets the later one win; `a[][]` gives a flat list;
 * a `[` inside an index nests; a `__proto__` key is dropped rather than kept as data.
 */
function phpDecode(text: string, _default: unknown, _charset: unknown, type: 'key' | 'value'): string | null {
  const decoded = urldecode(text);
  return type === 'key' ? phpName(decoded) : decoded;
}

function urldecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** "a.b[c.d]" -> "a_b[c.d]"; null drops the pair. */
function phpName(key: string): string | null {
  const trimmed = key.replace(/^ +/, '');
  const open = trimmed.indexOf('[');
  const base = open === -1 ? trimmed : trimmed.slice(0, open);
  if (base === '') return null;
  if (open === -1) return base.replace(/[ .]/g, '_');
  const indices = /^(\[[^\]]*\])+/.exec(trimmed.slice(open));
  if (!indices) return trimmed.replace(/[ .[]/g, '_');
  // PHP ignores whatever follows the last complete index (`a[b]c`, `a[b][c`).
  return base.replace(/[ .]/g, '_') + indices[0];
}

/** qs gives `[]` lists as arrays; fromEntries defines own properties, so no key can reach a prototype. */
function toPhpArray(value: object): PhpArray {
  return Object.fromEntries(
    Object.entries(value).map(([key, item]: [string, unknown]) => [
      key,
      typeof item === 'object' && item !== null ? toPhpArray(item) : String(item),
    ]),
  );
}
