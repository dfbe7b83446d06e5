import { pluralNoun } from "@/lib/plural";
import type { ActivityDay } from "@/lib/services";

const HEIGHT = 96;

/**
 * Tokens issued per day over 30 days as bars, with consents granted and revoked as counts under
 * each day that had any. Plain SVG rendered on the server: no chart library, readable by screen
 * readers through the table that follows it. A client-credentials client has no consents, so it
 * shows tokens only.
 */
export function ActivityChart({ days, consents = true }: { days: ActivityDay[]; consents?: boolean }) {
  const max = Math.max(1, ...days.map((d) => d.tokensIssued));
  const width = days.length * 12;
  const totals = days.reduce(
    (t, d) => ({
      tokens: t.tokens + d.tokensIssued,
      granted: t.granted + d.consentsGranted,
      revoked: t.revoked + d.consentsRevoked,
    }),
    { tokens: 0, granted: 0, revoked: 0 },
  );
  return (
    <figure className="grid gap-3">
      <svg viewBox={`0 0 ${width} ${HEIGHT + 8}`} className="h-32 w-full" preserveAspectRatio="none" aria-hidden>
        {days.map((d, i) => {
          const h = (d.tokensIssued / max) * HEIGHT;
          return (
            <g key={d.day}>
              <rect
                x={i * 12 + 1}
                y={HEIGHT - h}
                width={10}
                height={Math.max(h, d.tokensIssued > 0 ? 1 : 0)}
                className="fill-primary"
                rx={1}
              >
                <title>{`${d.day}: ${d.tokensIssued} tokens`}</title>
              </rect>
              {d.consentsGranted > 0 && <circle cx={i * 12 + 6} cy={HEIGHT + 4} r={2} className="fill-success" />}
              {d.consentsRevoked > 0 && <circle cx={i * 12 + 6} cy={HEIGHT + 4} r={2} className="fill-destructive" />}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-muted-foreground">
        <Total n={totals.tokens} noun="access token" rest="issued in 30 days" />
        {consents && (
          <>
            <Total n={totals.granted} noun="consent" rest="granted" />
            <Total n={totals.revoked} noun="consent" rest="revoked" />
          </>
        )}
      </figcaption>
      <table className="sr-only">
        <caption>Activity per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Tokens issued</th>
            {consents && <th scope="col">Consents granted</th>}
            {consents && <th scope="col">Consents revoked</th>}
          </tr>
        </thead>
        <tbody>
          {days
            .filter((d) => d.tokensIssued + d.consentsGranted + d.consentsRevoked > 0)
            .map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>{d.tokensIssued}</td>
                {consents && <td>{d.consentsGranted}</td>}
                {consents && <td>{d.consentsRevoked}</td>}
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}

function Total({ n, noun, rest }: { n: number; noun: string; rest: string }) {
  return (
    <span>
      <strong className="text-foreground tabular-nums">{n.toLocaleString("en")}</strong> {pluralNoun(n, noun)} {rest}
    </span>
  );
}
