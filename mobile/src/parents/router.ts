/** The parents' app's screens, by URL hash. */
export type Route =
  | { readonly name: 'login' }
  | { readonly name: 'children' }
  | { readonly name: 'child'; readonly id: string }
  | { readonly name: 'forecast'; readonly id: string }
  | { readonly name: 'recommendation'; readonly id: string }
  | { readonly name: 'pair'; readonly id: string }
  | { readonly name: 'alerts' }
  | { readonly name: 'companion' }
  | { readonly name: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'children' };
  if (path === '/login') return { name: 'login' };
  if (path === '/alerts') return { name: 'alerts' };
  if (path === '/companion') return { name: 'companion' };
  const m = /^\/child\/([^/]+)(?:\/(forecast|recommendation|pair))?\/?$/.exec(path);
  if (m) {
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      return { name: 'not-found' };
    }
    if (m[2] === 'forecast') return { name: 'forecast', id };
    if (m[2] === 'recommendation') return { name: 'recommendation', id };
    if (m[2] === 'pair') return { name: 'pair', id };
    return { name: 'child', id };
  }
  return { name: 'not-found' };
}

export function childHref(id: string, sub?: 'forecast' | 'recommendation' | 'pair'): string {
  return `#/child/${encodeURIComponent(id)}${sub ? `/${sub}` : ''}`;
}
