// Requests Auth.js answers with 500 although the client is at fault: a callbackUrl (query
// parameter or the callback-url cookie) that is neither an absolute http(s) URL nor a path. Auth.js
// reports it as a server configuration error (@auth/core assertConfig, InvalidCallbackUrl); the
// Auth.js route asks this first and answers 400.

const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** Auth.js's own test (isValidHttpUrl in @auth/core/lib/utils/assert). */
function isValidCallbackUrl(url: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValues(header: string | null, names: string[]): string[] {
  if (!header) return [];
  return header.split(";").flatMap((part) => {
    const eq = part.indexOf("=");
    if (eq < 0 || !names.includes(part.slice(0, eq).trim())) return [];
    const raw = part.slice(eq + 1).trim();
    try {
      return [decodeURIComponent(raw)];
    } catch {
      return [raw];
    }
  });
}

/** Why Auth.js would fail on this request with a 500, or null. */
export function authJsRequestProblem(request: Request): string | null {
  const url = new URL(request.url);
  const candidates = [
    ...url.searchParams.getAll("callbackUrl"),
    ...cookieValues(request.headers.get("cookie"), CALLBACK_COOKIES),
  ];
  return candidates.some((c) => c !== "" && !isValidCallbackUrl(c, url.origin))
    ? "callbackUrl must be a path on this site or an http(s) URL."
    : null;
}
