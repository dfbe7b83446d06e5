import type { Metadata } from "next";
import { ClientPageShell } from "@/components/clients/client-page-shell";
import { ClientStatusForm } from "@/components/clients/client-status-form";
import { DeleteClientDialog } from "@/components/clients/delete-client-dialog";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPermission } from "@/lib/auth/permissions";
import { loadClient } from "../load-client";

export const metadata: Metadata = { title: "Client danger zone" };

export default async function ClientDangerPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { user, server, client } = await loadClient(slug, id, "/danger");
  const canDisable = hasPermission(user.role, "clients.disable");
  const canDelete = hasPermission(user.role, "clients.delete");
  const isActive = client.status === "active";

  return (
    <ClientPageShell server={server} client={client} current="/danger">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>{isActive ? "Disable this client" : "This client is disabled"}</h2>
          </CardTitle>
          <CardDescription>
            A disabled client cannot authenticate or get tokens.{" "}
            {isActive ? "You can enable it again later." : "Enable it to let it authenticate and get tokens again."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {canDisable ? (
            <ClientStatusForm serverSlug={server.slug} client={client} />
          ) : (
            <p className="text-sm text-muted-foreground">Your role cannot disable or enable clients.</p>
          )}
        </CardContent>
      </Card>
      <Card className="border-destructive/40">
        <CardHeader>
          <CardTitle asChild>
            <h2>Delete this client</h2>
          </CardTitle>
          <CardDescription>
            Deleting is permanent: every token issued to it stops working, and its consents are removed.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {canDelete ? (
            <DeleteClientDialog serverSlug={server.slug} clientId={client.id} clientName={client.name} />
          ) : (
            <p className="text-sm text-muted-foreground">Your role cannot delete clients.</p>
          )}
        </CardContent>
      </Card>
    </ClientPageShell>
  );
}
