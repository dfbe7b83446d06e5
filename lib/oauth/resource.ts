// RFC 8707 resource identifiers, canonicalised as the MCP authorization spec asks: scheme and host
// lower-case, default port dropped, no fragment; a URL given without a path keeps no trailing "/".
export function canonicalResourceUrl(value: string): string {
  const trimmed = value.trim();
  const url = new URL(trimmed);
  url.hash = "";
  const href = url.href;
  const hasNoPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+(?:[?#].*)?$/i.test(trimmed);
  return hasNoPath && url.pathname === "/" ? href.replace(/^([^:]+:\/\/[^/]+)\//, "$1") : href;
}
