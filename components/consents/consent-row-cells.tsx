import { TableCell } from "@/components/ui/table";
import { UserDate } from "@/components/users/user-date";
import type { ConsentDto } from "@/lib/services";
import { ConsentScopes } from "./consent-scopes";

// A fixed locale: the server render and the browser must print the same digits.
const count = new Intl.NumberFormat("en-US");

/**
 * The cells a consent row has wherever it is listed (a client's Consents tab, a user's page):
 * scopes, granted, last used and live refresh tokens. Each table puts who or what the consent is
 * for before them and its Revoke after.
 */
export function ConsentRowCells({
  consent,
  scopesClassName,
}: {
  consent: Pick<ConsentDto, "scopes" | "grantedAt" | "lastUsedAt" | "liveRefreshTokens" | "grantedBy">;
  scopesClassName: string;
}) {
  return (
    <>
      <TableCell className="whitespace-normal">
        <ConsentScopes scopes={consent.scopes} className={scopesClassName} />
      </TableCell>
      <TableCell>
        <UserDate value={consent.grantedAt} />
        {consent.grantedBy && (
          <span className="block text-xs text-muted-foreground">by {consent.grantedBy.label} policy</span>
        )}
      </TableCell>
      <TableCell>
        <UserDate value={consent.lastUsedAt} fallback="Never" />
      </TableCell>
      <TableCell className="text-right tabular-nums">{count.format(consent.liveRefreshTokens)}</TableCell>
    </>
  );
}
