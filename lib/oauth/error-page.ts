// The pages the authorization endpoint shows instead of redirecting. An error page when a request
// cannot be sent back to the client at all (unknown client, unregistered redirect URI: AUTHZ-02);
// an interstitial when it could, but the client registered itself and is not trusted with an
// automatic redirect (AUTHZ-07). Plain HTML, never framed (AUTHZ-15).
function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

// Styled like the consent screen (a centred card on a muted page, the same type scale and colours,
// light and dark), in plain HTML with inline CSS: these pages are answered by the protocol handler and
// load nothing else. The request ID is what the person quotes to an administrator; the same ID is in
// the server's log line for the request.
const STYLE = `:root{color-scheme:light dark;--bg:#f4f4f5;--card:#fff;--fg:#09090b;--muted:#52525b;--border:#e4e4e7;--accent:#18181b;--accent-fg:#fafafa;--code:#f4f4f5}
@media (prefers-color-scheme:dark){:root{--bg:#09090b;--card:#18181b;--fg:#fafafa;--muted:#a1a1aa;--border:#27272a;--accent:#fafafa;--accent-fg:#18181b;--code:#27272a}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:1.5rem;background:var(--bg);color:var(--fg);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",sans-serif}
main{width:100%;max-width:32rem;background:var(--card);border:1px solid var(--border);border-radius:.75rem;box-shadow:0 1px 2px rgb(0 0 0/.06);padding:1.5rem;overflow-wrap:anywhere}
.brand{display:flex;align-items:center;gap:.5rem;font-size:.875rem;font-weight:600;color:var(--muted);margin-bottom:1rem}
.mark{display:inline-flex;width:1.5rem;height:1.5rem;align-items:center;justify-content:center;border-radius:.375rem;background:var(--accent);color:var(--accent-fg);font-size:.75rem}
h1{font-size:1.25rem;line-height:1.4;margin:0 0 .5rem}p{margin:.5rem 0;color:var(--muted)}p.lead{color:var(--fg)}
a.button{display:inline-block;margin-top:.5rem;padding:.5rem 1rem;border-radius:.375rem;background:var(--accent);color:var(--accent-fg);text-decoration:none;font-weight:500}
.request-id{margin-top:1.25rem;padding-top:1rem;border-top:1px solid var(--border);font-size:.875rem}
code{font:.8125rem ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--code);padding:.125rem .375rem;border-radius:.25rem;user-select:all}`;

function page(title: string, body: string, status: number, requestId?: string): Response {
  const reference = requestId
    ? `<p class="request-id">Request ID: <code id="request-id">${escapeHtml(requestId)}</code><br>Quote it to your administrator: it finds this request in Gatehouse's log.</p>`
    : "";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Gatehouse</title>
<style>${STYLE}</style>
</head><body><main><div class="brand" aria-hidden="true"><span class="mark">G</span>Gatehouse</div><h1>${escapeHtml(title)}</h1>${body}${reference}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "no-referrer",
    },
  });
}

export function authorizationErrorPage(title: string, description: string, status = 400, requestId?: string): Response {
  return page(
    title,
    `<p class="lead">${escapeHtml(description)}</p>
<p>Go back to the application and try again. If this keeps happening, tell the application's developer or your administrator.</p>`,
    status,
    requestId,
  );
}

/**
 * AUTHZ-07: the error response for a self-registered client, shown before it is sent: the user
 * sees where the link goes and follows it knowingly, or closes the page.
 */
export function authorizationErrorInterstitial(
  clientName: string,
  description: string,
  location: string,
  requestId?: string,
): Response {
  const target = new URL(location);
  const where = target.protocol === "http:" || target.protocol === "https:" ? target.host : `${target.protocol}//`;
  return page(
    "This sign-in request cannot continue",
    `<p class="lead">“${escapeHtml(clientName)}” asked for something Gatehouse cannot grant: ${escapeHtml(description)}</p>
<p>This application registered itself; Gatehouse has not verified it. If you started this, return to it to see the error. If you did not, close this page.</p>
<p><a class="button" href="${escapeHtml(location)}" rel="noreferrer">Return to ${escapeHtml(clientName)} (${escapeHtml(where)})</a></p>`,
    400,
    requestId,
  );
}
