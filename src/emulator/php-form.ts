/**
 * PHP's parse_str for query strings and urlencoded bodies, so `cmd[a]=...` and `ids[]=1` arrive as
 * arrays just as $_GET/$_POST would hold them. PHP arrays are modelled as plain objects.
 */

export type PhpArray = { [key: string]: PhpValue };
export type PhpValue = string | PhpArray;

export function parsePhpForm(text: string): PhpArray {
  const result: PhpArray = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const path = keyPath(urldecode(rawKey));
    if (path) assign(result, path, urldecode(rawValue));
  }
  return result;
}

function urldecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // PHP keeps malformed escapes as they are instead of failing the whole request.
    return spaced.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** "a[b][]" -> ["a", "b", ""]; PHP turns spaces and dots in the base name into underscores. */
function keyPath(key: string): string[] | undefined {
  const trimmed = key.replace(/^ +/, '');
  const open = trimmed.indexOf('[');
  const base = open === -1 ? trimmed : trimmed.slice(0, open);
  if (base === '') return undefined;
  const path = [base.replace(/[ .]/g, '_')];
  if (open === -1) return path;
  const rest = trimmed.slice(open);
  const segments = /^(\[[^\]]*\])+/.exec(rest);
  // An unclosed bracket makes PHP treat the whole key as a plain name.
  if (!segments) return [trimmed.replace(/[ .[]/g, '_')];
  for (const segment of segments[0].matchAll(/\[([^\]]*)\]/g)) path.push(segment[1] ?? '');
  return path;
}

function assign(target: PhpArray, path: string[], value: string): void {
  let node = target;
  path.forEach((segment, index) => {
    const key = segment === '' ? nextIndex(node) : segment;
    if (index === path.length - 1) {
      setOwn(node, key, value);
      return;
    }
    const child = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof child !== 'object') setOwn(node, key, {});
    node = node[key] as PhpArray;
  });
}

/** Defines rather than assigns, so a key named `__proto__` stays data instead of swapping the prototype. */
function setOwn(node: PhpArray, key: string, value: PhpValue): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** PHP's `$a[] = x` uses one more than the largest integer key so far. */
function nextIndex(node: PhpArray): string {
  const ints = Object.keys(node)
    .filter((key) => /^(0|-?[1-9]\d*)$/.test(key))
    .map(Number);
  return String(ints.length === 0 ? 0 : Math.max(...ints) + 1);
}
