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

function page(title: string, body: string, status: number): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Gatehouse</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#111}h1{font-size:1.4rem}p{color:#444;line-height:1.5}a.button{display:inline-block;padding:.5rem 1rem;border:1px solid #111;border-radius:.375rem;color:#111;text-decoration:none}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
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

export function authorizationErrorPage(title: string, description: string, status = 400): Response {
  return page(
    title,
    `<p>${escapeHtml(description)}</p>
<p>Go back to the application and try again. If this keeps happening, tell the application's developer or your administrator.</p>`,
    status,
  );
}

/**
 * AUTHZ-07: the error response for a self-registered client, shown before it is sent: the user
 * sees where the link goes and follows it knowingly, or closes the page.
 */
export function authorizationErrorInterstitial(clientName: string, description: string, location: string): Response {
  const target = new URL(location);
  const where = target.protocol === "http:" || target.protocol === "https:" ? target.host : `${target.protocol}//`;
  return page(
    "This sign-in request cannot continue",
    `<p>“${escapeHtml(clientName)}” asked for something Gatehouse cannot grant: ${escapeHtml(description)}</p>
<p>This application registered itself; Gatehouse has not verified it. If you started this, return to it to see the error. If you did not, close this page.</p>
<p><a class="button" href="${escapeHtml(location)}" rel="noreferrer">Return to ${escapeHtml(clientName)} (${escapeHtml(where)})</a></p>`,
    400,
  );
}
