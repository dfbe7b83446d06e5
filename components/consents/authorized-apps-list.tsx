import { UserDate } from "@/components/users/user-date";
import type { ConsentDto } from "@/lib/services";
import { AppLogo } from "./app-logo";
import { ConsentScopes } from "./consent-scopes";
import { RevokeMyAppButton } from "./revoke-my-app-button";

/** The signed-in user's authorized apps, one card each; server-rendered. */
export function AuthorizedAppsList({ apps }: { apps: ConsentDto[] }) {
  return (
    <ul className="grid gap-4" aria-label="Authorized apps">
      {apps.map((app) => (
        <li
          key={app.id}
          aria-labelledby={`app-${app.id}`}
          className="grid gap-4 rounded-lg border bg-card p-4 sm:grid-cols-[auto_1fr_auto]"
        >
          <AppLogo name={app.client.name} logoUri={app.client.logoUri} />
          <div className="grid min-w-0 gap-3">
            <div className="min-w-0">
              <h2 id={`app-${app.id}`} className="truncate font-semibold" title={app.client.name}>
                {app.client.name}
              </h2>
              <p className="text-sm text-muted-foreground">on {app.server.name}</p>
            </div>
            <div className="grid gap-1">
              <h3 className="text-sm font-medium">Allowed to</h3>
              <ConsentScopes scopes={app.scopes} />
            </div>
            <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
              <div className="flex gap-1.5">
                <dt className="text-muted-foreground">Authorized</dt>
                <dd>
                  <UserDate value={app.grantedAt} />
                </dd>
              </div>
              <div className="flex gap-1.5">
                <dt className="text-muted-foreground">Last used</dt>
                <dd>
                  <UserDate value={app.lastUsedAt} fallback="Never" />
                </dd>
              </div>
            </dl>
          </div>
          <div className="sm:self-start">
            <RevokeMyAppButton app={app} />
          </div>
        </li>
      ))}
    </ul>
  );
}
