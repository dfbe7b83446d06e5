// fast-check arbitraries for requests to every public surface of Gatehouse: the OAuth endpoints
// (token, introspect, revoke, register, authorize, jwks, metadata), /.well-known/*, the demo MCP
// endpoint, the admin API, /api/health, Auth.js, client logos, pages and server-action POSTs. Each
// request is plausible enough to get past the first check most of the time (real slugs, a valid API
// key, real server-action ids, the right content types) and hostile in its details: NUL and other
// control characters, odd Unicode, duplicated and oversized parameters, wrong methods (TRACE, …),
// broken multipart, foreign Origins, bodies over the caps, chunked uploads.
import fc from "fast-check";

export interface FuzzContext {
  host: string;
  apiKey: string;
  clientId: string;
  clientSecret: string;
  clientRowId: string;
  /** Server actions of the build and a page that serves each. */
  actions: { id: string; path: string }[];
}

export interface FuzzRequest {
  surface: string;
  method: string;
  /** Percent-encoded path and query. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
}

/** Percent-encodes every byte outside the unreserved set (so any string is a valid path part). */
export function pct(s: string): string {
  return Array.from(Buffer.from(s, "utf8"))
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

/** Characters a header value may carry on the wire (Node refuses the rest before sending). */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e]/g, "");

/** Strings from harmless to hostile: NUL, control characters, any code point, long runs. */
const nasty = fc.oneof(
  { arbitrary: fc.string({ maxLength: 20 }), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 30 }), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      "\u0000",
      "a\u0000b",
      "%00",
      "../..",
      "%",
      "%zz",
      "\uD800",
      "🙂",
      "' OR 1=1 --",
      "${jndi}",
      "<script>",
      "null",
      "-1",
      "99999999999999999999",
    ),
    weight: 2,
  },
  { arbitrary: fc.string({ minLength: 300, maxLength: 3000 }), weight: 1 },
);

const slug = fc.oneof(
  { arbitrary: fc.constantFrom("demo", "fuzz"), weight: 6 },
  { arbitrary: nasty, weight: 2 },
  { arbitrary: fc.constant("%00"), weight: 1 },
);

const methodFor = (usual: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...usual), weight: 12 },
    { arbitrary: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"), weight: 3 },
    { arbitrary: fc.constantFrom("TRACE", "TRACK", "PROPFIND", "MKCOL", "LINK", "QUERY"), weight: 2 },
    { arbitrary: fc.stringMatching(/^[A-Z]{3,10}$/), weight: 1 },
  );

/** A segment: raw and pct-encoded (with a NUL now and then). */
const segment = (a: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: a.map(pct), weight: 9 }, { arbitrary: a.map((s) => `${pct(s)}%00`), weight: 1 });

function form(entries: [string, string][]): string {
  return entries.map(([k, v]) => `${pct(k)}=${pct(v)}`).join("&");
}

/** name=value pairs: known names with good and nasty values, plus strangers and duplicates. */
const params = (known: Record<string, fc.Arbitrary<string>>) =>
  fc
    .tuple(
      fc
        .subarray(Object.keys(known))
        .chain((names) =>
          fc.tuple(
            ...names.map((n) =>
              fc
                .oneof({ arbitrary: known[n]!, weight: 3 }, { arbitrary: nasty, weight: 1 })
                .map((v) => [n, v] as [string, string]),
            ),
          ),
        ),
      fc.array(fc.tuple(nasty, nasty), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([good, extra, duplicate]) => {
      const all: [string, string][] = [...good, ...extra];
      if (duplicate && good[0]) all.push(good[0]);
      return all;
    });

const query = (known: Record<string, fc.Arbitrary<string>>) =>
  params(known).map((entries) => (entries.length ? `?${form(entries)}` : ""));

const json = fc.jsonValue({ maxDepth: 3 });
const jsonText = fc.oneof(
  { arbitrary: json.map((v) => JSON.stringify(v)), weight: 4 },
  { arbitrary: fc.constantFrom('{"a":"\\u0000"}', "{", "[", '{"a":1,}', "", "null", '"\\ud800"'), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 200 }), weight: 1 },
);

const url = fc.oneof(
  fc.constantFrom(
    "http://127.0.0.1:33418/callback",
    "https://client.example.com/cb",
    "cursor://cb",
    "javascript:alert(1)",
  ),
  fc.webUrl(),
  nasty,
);

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${pct(id)}:${pct(secret)}`).toString("base64")}`;
}

export function fuzzRequests(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const clientId = fc.oneof(fc.constant(ctx.clientId), nasty);
  const secret = fc.oneof(fc.constant(ctx.clientSecret), nasty);
  const formCt = { "content-type": "application/x-www-form-urlencoded" };
  const jsonCt = { "content-type": "application/json" };

  // Token, introspection, revocation (the Node adapter).
  const tokenish: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["POST"]),
      slug: segment(slug),
      endpoint: fc.constantFrom("token", "introspect", "revoke"),
      body: params({
        grant_type: fc.constantFrom("client_credentials", "authorization_code", "refresh_token", "password"),
        client_id: clientId,
        client_secret: secret,
        code: nasty,
        code_verifier: nasty,
        redirect_uri: url,
        refresh_token: nasty,
        scope: fc.constantFrom("mcp:tools", "mcp:tools mcp:admin", ""),
        resource: url,
        token: nasty,
        token_type_hint: fc.constantFrom("access_token", "refresh_token"),
      }),
      auth: fc.option(
        fc.oneof(
          fc.tuple(clientId, secret).map(([i, s]) => basic(i, s)),
          fc.string().map((s) => `Basic ${headerSafe(s)}`),
          fc.string().map((s) => `Bearer ${headerSafe(s)}`),
        ),
      ),
      ct: fc.oneof({ arbitrary: fc.constant(formCt), weight: 8 }, { arbitrary: fc.constant(jsonCt), weight: 1 }),
    })
    .map(({ method, slug, endpoint, body, auth, ct }) => ({
      surface: `oauth ${endpoint}`,
      method,
      path: `/oauth/${slug}/${endpoint}`,
      headers: { ...ct, ...(auth ? { authorization: auth } : {}) },
      body: Buffer.from(form(body)),
    }));

  const registration = fc.record(
    {
      redirect_uris: fc.oneof(fc.array(url, { maxLength: 3 }), json),
      client_name: fc.oneof(nasty, json),
      token_endpoint_auth_method: fc.constantFrom(
        "none",
        "client_secret_basic",
        "client_secret_post",
        "private_key_jwt",
      ),
      grant_types: fc.array(fc.constantFrom("authorization_code", "refresh_token", "client_credentials", "implicit")),
      response_types: fc.array(fc.constantFrom("code", "token")),
      scope: fc.constantFrom("mcp:tools", "mcp:admin", "", "x y"),
      software_id: nasty,
      logo_uri: url,
      client_uri: url,
      contacts: fc.array(nasty, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
  const register: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["POST"]),
      slug: segment(slug),
      body: fc.oneof(
        { arbitrary: registration.map((r) => JSON.stringify(r)), weight: 4 },
        { arbitrary: jsonText, weight: 1 },
      ),
      ct: fc.oneof(
        { arbitrary: fc.constant(jsonCt), weight: 8 },
        { arbitrary: fc.constant(formCt), weight: 1 },
        { arbitrary: fc.constant({}), weight: 1 },
      ),
      auth: fc.option(fc.string().map((s) => `Bearer ${headerSafe(s)}`)),
    })
    .map(({ method, slug, body, ct, auth }) => ({
      surface: "oauth register",
      method,
      path: `/oauth/${slug}/register`,
      headers: { ...ct, ...(auth ? { authorization: auth } : {}) },
      body: Buffer.from(body),
    }));

  const authorizeParams = {
    response_type: fc.constantFrom("code", "token", "code id_token"),
    client_id: clientId,
    redirect_uri: url,
    code_challenge: fc.constantFrom("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "short"),
    code_challenge_method: fc.constantFrom("S256", "plain"),
    state: nasty,
    scope: fc.constantFrom("mcp:tools", "openid", ""),
    resource: url,
    prompt: fc.constantFrom("none", "consent", "login"),
  };
  const authorize: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["GET", "POST"]),
      slug: segment(slug),
      q: query(authorizeParams),
      body: params(authorizeParams),
    })
    .map(({ method, slug, q, body }) => ({
      surface: "oauth authorize",
      method,
      path: `/oauth/${slug}/authorize${method === "POST" ? "" : q}`,
      headers: method === "POST" ? formCt : {},
      body: method === "POST" ? Buffer.from(form(body)) : undefined,
    }));

  const discovery: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["GET", "OPTIONS", "HEAD"]),
      slug: segment(slug),
      which: fc.constantFrom(
        "/oauth/{s}/jwks",
        "/oauth/{s}/.well-known/openid-configuration",
        "/.well-known/oauth-authorization-server/oauth/{s}",
        "/.well-known/openid-configuration/oauth/{s}",
        "/.well-known/oauth-protected-resource/mcp/{s}",
        "/.well-known/{s}",
      ),
      q: query({ x: nasty }),
      origin: fc.option(fc.constantFrom("https://claude.ai", "null", "http://evil.example")),
    })
    .map(({ method, slug, which, q, origin }) => ({
      surface: "discovery",
      method,
      path: which.replace("{s}", slug) + q,
      headers: origin ? { origin } : ({} as Record<string, string>),
    }));

  const rpc = fc.record(
    {
      jsonrpc: fc.constantFrom("2.0", "1.0"),
      id: fc.oneof(fc.integer(), nasty),
      method: fc.constantFrom("initialize", "tools/list", "tools/call", "ping", "notifications/initialized", "x"),
      params: json,
    },
    { requiredKeys: [] },
  );
  const mcp: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["POST", "GET", "DELETE"]),
      slug: segment(slug),
      body: fc.oneof(
        rpc.map((r) => JSON.stringify(r)),
        fc.array(rpc, { maxLength: 3 }).map((r) => JSON.stringify(r)),
        jsonText,
      ),
      bearer: fc.option(fc.oneof(fc.string(), fc.constant("eyJhbGciOiJFUzI1NiJ9.e30.sig")).map(headerSafe)),
      session: fc.option(fc.string().map(headerSafe)),
    })
    .map(({ method, slug, body, bearer, session }) => ({
      surface: "mcp",
      method,
      path: `/mcp/${slug}`,
      headers: {
        ...jsonCt,
        accept: "application/json, text/event-stream",
        ...(bearer !== null ? { authorization: `Bearer ${bearer}` } : {}),
        ...(session !== null ? { "mcp-session-id": session } : {}),
      },
      body: method === "GET" ? undefined : Buffer.from(body),
    }));

  const id = fc.oneof(fc.constant(ctx.clientId), fc.constant(ctx.clientRowId), nasty);
  const clientFields = fc.record(
    {
      name: fc.oneof(nasty, json),
      description: nasty,
      redirectUris: fc.oneof(fc.array(url, { maxLength: 3 }), json),
      allowedScopes: fc.array(nasty, { maxLength: 2 }),
      isPublic: fc.oneof(fc.boolean(), json),
      slug: nasty,
      resourceUrl: url,
      scopes: fc.array(fc.record({ name: nasty, description: nasty }), { maxLength: 2 }),
      grace: fc.constantFrom("none", "1h", "24h", "7d", "x"),
      email: nasty,
      role: fc.constantFrom("OWNER", "ADMIN", "VIEWER", "x"),
    },
    { requiredKeys: [] },
  );
  const adminApi: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["GET", "POST", "PATCH", "DELETE"]),
      path: fc
        .tuple(segment(slug), segment(id))
        .chain(([s, c]) =>
          fc.constantFrom(
            "/api/v1/servers",
            `/api/v1/servers/${s}`,
            `/api/v1/servers/${s}/clients`,
            `/api/v1/servers/${s}/clients/${c}`,
            `/api/v1/servers/${s}/clients/${c}/rotate-secret`,
            `/api/v1/servers/${s}/clients/${c}/disable`,
            `/api/v1/servers/${s}/clients/${c}/enable`,
            `/api/v1/servers/${s}/clients/${c}/approve`,
            `/api/v1/servers/${s}/clients/${c}/consents`,
            "/api/v1/members",
            "/api/v1/audit",
            "/api/v1/audit/export",
            `/api/v1/${c}`,
          ),
        ),
      q: query({
        q: nasty,
        search: nasty,
        sort: fc.constantFrom("name", "createdAt", "lastUsedAt", "x"),
        dir: fc.constantFrom("asc", "desc"),
        cursor: nasty,
        limit: fc.constantFrom("1", "50", "0", "-1", "100000", "x"),
        type: fc.constantFrom("MANUAL", "DYNAMIC", "METADATA_DOCUMENT"),
        status: fc.constantFrom("active", "disabled", "pending"),
        action: nasty,
        from: fc.constantFrom("2026-01-01", "x"),
        to: fc.constantFrom("2027-01-01", "x"),
      }),
      body: fc.oneof(
        { arbitrary: clientFields.map((f) => JSON.stringify(f)), weight: 3 },
        { arbitrary: jsonText, weight: 1 },
      ),
      auth: fc.oneof(
        { arbitrary: fc.constant(`Bearer ${ctx.apiKey}`), weight: 8 },
        { arbitrary: fc.constant(null), weight: 1 },
        { arbitrary: fc.string().map((s) => `Bearer ${headerSafe(s)}`), weight: 1 },
      ),
      origin: fc.option(fc.constantFrom("http://evil.example", `http://${ctx.host}`)),
    })
    .map(({ method, path, q, body, auth, origin }) => ({
      surface: "admin api",
      method,
      path: path + q,
      headers: { ...jsonCt, ...(auth ? { authorization: auth } : {}), ...(origin ? { origin } : {}) },
      body: method === "GET" || method === "HEAD" ? undefined : Buffer.from(body),
    }));

  const authJs: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["GET", "POST"]),
      path: fc.constantFrom(
        "/api/auth/session",
        "/api/auth/csrf",
        "/api/auth/providers",
        "/api/auth/signin",
        "/api/auth/signout",
        "/api/auth/callback/credentials",
        "/api/auth/error",
        "/api/auth/x",
      ),
      q: query({ callbackUrl: url, error: nasty }),
      body: params({ email: nasty, password: nasty, csrfToken: nasty, callbackUrl: url }),
    })
    .map(({ method, path, q, body }) => ({
      surface: "auth.js",
      method,
      path: path + q,
      headers: method === "POST" ? formCt : {},
      body: method === "POST" ? Buffer.from(form(body)) : undefined,
    }));

  const misc: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["GET"]),
      path: fc.oneof(
        fc.constant("/api/health"),
        segment(nasty).map((s) => `/api/client-logos/${s}`),
        segment(nasty).map((s) => `/api/${s}`),
      ),
    })
    .map(({ method, path }) => ({ surface: "api misc", method, path, headers: {} }));

  const pagePath = fc
    .tuple(segment(slug), segment(id), segment(nasty))
    .chain(([s, c, x]) =>
      fc.constantFrom(
        "/",
        "/sign-in",
        "/setup",
        "/servers",
        "/servers/new",
        `/servers/${s}`,
        `/servers/${s}/clients`,
        `/servers/${s}/clients/new`,
        `/servers/${s}/clients/${c}`,
        `/servers/${s}/clients/${c}/consents`,
        `/servers/${s}/clients/${c}/credentials`,
        `/servers/${s}/clients/${c}/settings`,
        `/servers/${s}/clients/${c}/danger`,
        `/servers/${s}/connect`,
        `/servers/${s}/settings`,
        `/servers/${s}/settings/registration`,
        "/users",
        `/users/${c}`,
        "/audit",
        "/members",
        "/account/apps",
        "/settings/api-keys",
        "/settings/webhooks",
        `/settings/webhooks/${c}`,
        `/oauth/${s}/consent/${x}`,
        `/oauth/${s}/consent/${x}/continue`,
        `/${x}`,
      ),
    );
  const pages: fc.Arbitrary<FuzzRequest> = fc
    .record({
      method: methodFor(["GET"]),
      path: pagePath,
      q: query({ callbackUrl: url, q: nasty, page: nasty, sort: nasty, error: nasty, ask: fc.constant("1") }),
      rsc: fc.boolean(),
    })
    .map(({ method, path, q, rsc }) => ({
      surface: "pages",
      method,
      path: path + q,
      headers: rsc ? { rsc: "1" } : ({} as Record<string, string>),
    }));

  // Server actions: real ids (or not), React-shaped argument rows (or not), good and broken
  // multipart, same-site, foreign, garbage and missing Origins.
  const action = fc.oneof(
    {
      arbitrary: ctx.actions.length ? fc.constantFrom(...ctx.actions) : fc.constant({ id: "00", path: "/" }),
      weight: 8,
    },
    { arbitrary: fc.record({ id: fc.stringMatching(/^[0-9a-f]{1,42}$/), path: pagePath }), weight: 1 },
  );
  const boundary = "----fuzz7MA4YWxkTrZu0gW";
  const multipart = (fields: [string, string][], breakIt: number) => {
    let body = fields
      .map(
        ([k, v]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, "")}"\r\n\r\n${v}\r\n`,
      )
      .join("");
    body += `--${boundary}--\r\n`;
    if (breakIt === 1) body = body.slice(0, Math.floor(body.length / 2)); // truncated
    if (breakIt === 2) body = body.replaceAll(boundary, "other"); // boundary never appears
    if (breakIt === 3) body = "garbage";
    return body;
  };
  const actionFields = params({
    "0": fc.constantFrom('["$K1"]', '[null,"$K1"]', "[]", '["$@1"]', "{"),
    "1_name": nasty,
    "1_slug": nasty,
    "1_email": nasty,
    "1_password": nasty,
    "1_redirectUris": url,
    "1_consentId": nasty,
    "1_decision": fc.constantFrom("allow", "deny"),
  });
  const serverActions: fc.Arbitrary<FuzzRequest> = fc
    .record({
      action,
      kind: fc.constantFrom("fetch-text", "fetch-multipart", "mpa-multipart"),
      text: fc.oneof(
        json.map((v) => JSON.stringify([v])),
        jsonText,
      ),
      fields: actionFields,
      breakIt: fc.oneof(
        { arbitrary: fc.constant(0), weight: 3 },
        { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 },
      ),
      origin: fc.oneof(
        { arbitrary: fc.constant(`http://${ctx.host}`), weight: 5 },
        { arbitrary: fc.constant(null), weight: 2 },
        {
          arbitrary: fc.constantFrom("http://evil.example", "null", "not a url", "https://127.0.0.1.evil.example"),
          weight: 2,
        },
      ),
    })
    .map(({ action, kind, text, fields, breakIt, origin }) => {
      const headers: Record<string, string> = origin ? { origin } : {};
      if (kind !== "mpa-multipart") headers["next-action"] = action.id;
      if (kind === "fetch-text")
        return {
          surface: "server action",
          method: "POST",
          path: action.path,
          headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
          body: Buffer.from(text),
        };
      const mpaFields: [string, string][] =
        kind === "mpa-multipart" ? [[`$ACTION_ID_${action.id}`, ""], ...fields] : fields;
      return {
        surface: "server action",
        method: "POST",
        path: action.path,
        headers: {
          ...headers,
          "content-type": breakIt === 4 ? "multipart/form-data" : `multipart/form-data; boundary=${boundary}`,
        },
        body: Buffer.from(multipart(mpaFields, breakIt)),
      };
    });

  const base: fc.Arbitrary<FuzzRequest> = fc.oneof(
    { arbitrary: tokenish, weight: 4 },
    { arbitrary: register, weight: 3 },
    { arbitrary: authorize, weight: 3 },
    { arbitrary: discovery, weight: 2 },
    { arbitrary: mcp, weight: 2 },
    { arbitrary: adminApi, weight: 4 },
    { arbitrary: authJs, weight: 2 },
    { arbitrary: misc, weight: 1 },
    { arbitrary: pages, weight: 3 },
    { arbitrary: serverActions, weight: 4 },
  );

  // Cross-cutting: a body over the caps (rarely: they are large), a chunked upload, a NUL in the query.
  return fc.tuple(base, fc.integer({ min: 0, max: 199 }), fc.boolean()).map(([req, dice, flag]): FuzzRequest => {
    if (dice <= 1) {
      const body = Buffer.alloc(flag ? 70 * 1024 : 1100 * 1024, 0x61);
      return { ...req, method: req.method === "GET" ? "POST" : req.method, body, chunked: dice === 1 };
    }
    if (dice < 8 && req.body) return { ...req, chunked: true };
    if (dice < 12) return { ...req, path: `${req.path}${req.path.includes("?") ? "&" : "?"}x=%00` };
    return req;
  });
}
