import { CodeBlock } from "@/components/connect/code-block";

const HEADERS = [
  [
    "Gatehouse-Signature",
    "t=<unix seconds>,v1=<hex HMAC-SHA256 of “<t>.<raw body>” keyed with the endpoint's signing secret>",
  ],
  [
    "Gatehouse-Event-Id",
    "The event's id (evt_…), also the body's id. The same on every retry and redelivery: de-duplicate on it.",
  ],
  ["Gatehouse-Event-Type", "One of the event types, e.g. user.disabled; also the body's type."],
  ["Gatehouse-Delivery-Id", "This delivery (dlv_…). A redelivery gets a new one; retries of one delivery keep it."],
] as const;

const PAYLOAD = `{
  "id": "evt_…",
  "type": "user.disabled",
  "created_at": "2025-06-01T12:00:00.000Z",
  "data": {
    "actor": { "type": "user", "id": "usr_…", "label": "admin@example.com" },
    "target": { "type": "user", "id": "usr_…", "label": "alice@example.com" },
    "server_id": null
  }
}`;

const VERIFY = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received, before any JSON parsing.
export function verifyGatehouseSignature(secret, rawBody, header, toleranceSeconds = 300) {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return false;
  if (Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false; // stale: a replay?
  const expected = Buffer.from(createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// Express: keep the body raw, answer fast, work afterwards.
app.post("/gatehouse-events", express.text({ type: "application/json" }), (req, res) => {
  if (!verifyGatehouseSignature(process.env.GATEHOUSE_WEBHOOK_SECRET, req.body, req.get("Gatehouse-Signature"))) {
    return res.sendStatus(400);
  }
  res.sendStatus(204);
  handleOnce(req.get("Gatehouse-Event-Id"), JSON.parse(req.body));
});`;

/** How a receiver checks that a delivery came from Gatehouse, and what to expect from retries. */
export function WebhookSignatureDocs() {
  return (
    <section aria-labelledby="webhook-signature" className="space-y-4 rounded-lg border p-6">
      <div className="grid gap-1">
        <h2 id="webhook-signature" className="text-lg font-semibold">
          Signature format
        </h2>
        <p className="text-sm text-muted-foreground">
          Each delivery is a <code className="font-mono">POST</code> with a JSON body (
          <code className="font-mono">Content-Type: application/json</code>,{" "}
          <code className="font-mono">User-Agent: Gatehouse-Webhooks/1</code>) and these headers:
        </p>
      </div>
      <dl className="grid gap-3 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6">
        {HEADERS.map(([name, meaning]) => (
          <div key={name} className="contents">
            <dt className="font-mono font-medium">{name}</dt>
            <dd className="text-muted-foreground">{meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm">
        To verify, compute the HMAC-SHA256 of <code className="font-mono">{"<t>.<raw body>"}</code> with the whole
        signing secret (<code className="font-mono">whsec_…</code>, prefix included) as the key, compare its hex digest
        with <code className="font-mono">v1</code> in constant time, and reject a <code className="font-mono">t</code>{" "}
        more than a few minutes from your clock. Each attempt is signed afresh, so a retry carries a new{" "}
        <code className="font-mono">t</code>.
      </p>
      <CodeBlock label="Node verification example" code={VERIFY} />
      <h3 className="text-base font-semibold">Body</h3>
      <p className="text-sm text-muted-foreground">
        <code className="font-mono">data</code> always holds <code className="font-mono">actor</code>,{" "}
        <code className="font-mono">target</code> and <code className="font-mono">server_id</code>, plus fields specific
        to the event type (see <code className="font-mono">docs/webhooks.md</code>).
      </p>
      <CodeBlock label="Example body" code={PAYLOAD} />
      <h3 className="text-base font-semibold">Retries, ordering and duplicates</h3>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>
          Answer with a <strong>2xx within 10 seconds</strong>, then do the work. Anything else (a timeout, a redirect,
          a 4xx or 5xx) is a failed attempt.
        </li>
        <li>
          Failed attempts are retried with exponential backoff: 10 s, then doubling, capped at 1 hour, until a day after
          the event. After that the delivery is marked Failed; you can redeliver it from the endpoint&apos;s Deliveries
          page.
        </li>
        <li>
          Delivery is at least once and not in order. <strong>De-duplicate on the event id</strong>, and order by{" "}
          <code className="font-mono">created_at</code> if it matters.
        </li>
        <li>
          Events are written in the same database transaction as the change they announce, so a restart of Gatehouse
          loses none.
        </li>
      </ul>
    </section>
  );
}
