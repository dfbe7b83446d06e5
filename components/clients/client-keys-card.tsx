import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ClientDto } from "@/lib/services/clients/client-dto";

/**
 * The Credentials tab of a private_key_jwt client (RFC 7523): it has no secret, only the public keys
 * Gatehouse checks its assertions against — a jwks_uri or a pasted JWKS, summarised (never key material).
 */
export function ClientKeysCard({
  client,
  settingsHref,
  canEdit,
}: {
  client: Pick<ClientDto, "jwksUri" | "jwksKeys">;
  settingsHref: string;
  canEdit: boolean;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Keys (private_key_jwt)</h2>
        </CardTitle>
        <CardDescription>
          This client has no secret: it authenticates with a short-lived JWT signed by its own private key, which never
          leaves the client. Gatehouse checks the signature against these public keys.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {client.jwksUri ? (
          <p>
            Keys are fetched from <code className="font-mono break-all">{client.jwksUri}</code> (cached; an unknown key
            ID makes Gatehouse fetch it again, so keys rotate there without editing this client).
          </p>
        ) : client.jwksKeys && client.jwksKeys.length > 0 ? (
          <table className="w-full text-left">
            <caption className="sr-only">Registered public keys</caption>
            <thead>
              <tr className="text-muted-foreground">
                <th scope="col" className="py-1 font-normal">
                  Key ID (kid)
                </th>
                <th scope="col" className="py-1 font-normal">
                  Type
                </th>
                <th scope="col" className="py-1 font-normal">
                  Algorithm
                </th>
              </tr>
            </thead>
            <tbody>
              {client.jwksKeys.map((k, i) => (
                <tr key={`${k.kid ?? ""}-${i}`}>
                  <td className="py-1 font-mono">{k.kid ?? "(none)"}</td>
                  <td className="py-1">{k.kty}</td>
                  <td className="py-1">{k.alg ?? "any allowed"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No keys on record: token requests from this client are refused until keys are added.</p>
        )}
        {canEdit ? (
          <p>
            To rotate, <Link href={settingsHref}>replace the keys in Settings</Link> (include the old key until the
            client has switched).
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
