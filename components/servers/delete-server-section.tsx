"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteServerAction } from "@/app/(dashboard)/servers/[slug]/settings/delete-server-action";
import { TypeToConfirmDialog } from "@/components/feedback/type-to-confirm-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { plural } from "@/lib/plural";
import { serverKeys } from "@/lib/queries/servers";
import type { ServerFootprint } from "@/lib/services";

/** What goes with the server, in words: the same counts the service reports after deleting. */
export function footprintSentence(f: ServerFootprint): string {
  return [
    plural(f.clients, "client"),
    plural(f.consents, "user consent"),
    `${plural(f.authorizations, "authorization")} (their access and refresh tokens stop working)`,
    plural(f.initialAccessTokens, "initial access token"),
    plural(f.scopes, "scope"),
  ].join(", ");
}

/** The server Settings page's last section: delete the MCP server, confirmed by typing its name. */
export function DeleteServerSection({
  server,
  footprint,
  canDelete,
}: {
  server: { slug: string; name: string };
  footprint: ServerFootprint;
  canDelete: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle asChild>
          <h2>Danger zone</h2>
        </CardTitle>
        <CardDescription>
          Deleting this MCP server takes down {footprintSentence(footprint)}. Its issuer and metadata stop answering, so
          every MCP client configured for it fails. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {canDelete ? (
          <TypeToConfirmDialog
            trigger={<Button variant="destructive">Delete MCP server</Button>}
            title={`Delete “${server.name}”?`}
            description={<>This takes down {footprintSentence(footprint)}. This cannot be undone.</>}
            name={server.name}
            inputId="delete-server-confirm"
            fields={{ slug: server.slug }}
            action={deleteServerAction}
            confirmLabel="Delete MCP server"
            pendingLabel="Deleting…"
            onDone={(took) => {
              toast.success(`MCP server deleted, with ${plural(took.clients, "client")}`);
              void queryClient.invalidateQueries({ queryKey: serverKeys.all });
              router.replace("/servers");
              router.refresh();
            }}
          />
        ) : (
          <p className="text-sm text-muted-foreground">Your role cannot delete MCP servers.</p>
        )}
      </CardContent>
    </Card>
  );
}
