import { Badge } from "@/components/ui/badge";
import type { UserDto } from "@/lib/services";

/** Where a person comes from: a local account, or the identity provider(s) they sign in with. */
export function UserSource({ user }: { user: Pick<UserDto, "identityProviders" | "scimProvider"> }) {
  if (user.scimProvider)
    return (
      <Badge variant="outline" title="Provisioned by this identity provider's SCIM client">
        {user.scimProvider} (SCIM)
      </Badge>
    );
  if (user.identityProviders.length === 0) return <Badge variant="outline">Local</Badge>;
  return (
    <span className="flex flex-wrap gap-1">
      {user.identityProviders.map((label) => (
        <Badge key={label} variant="outline">
          {label}
        </Badge>
      ))}
    </span>
  );
}
