"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteClientAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
import { TypeToConfirmDialog } from "@/components/feedback/type-to-confirm-dialog";
import { Button } from "@/components/ui/button";
import { clientKeys } from "@/lib/queries/clients";
import { serverKeys } from "@/lib/queries/servers";
import { clientsListHref } from "./client-url";

/** Irreversible, so the exact name must be typed. */
export function DeleteClientDialog({
  serverSlug,
  clientId,
  clientName,
}: {
  serverSlug: string;
  clientId: string;
  clientName: string;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <TypeToConfirmDialog
      trigger={<Button variant="destructive">Delete client</Button>}
      title={`Delete “${clientName}”?`}
      description={
        <>
          Every access and refresh token issued to this client stops working, and every user&apos;s consent to it is
          removed. This cannot be undone.
        </>
      }
      name={clientName}
      inputId="delete-client-confirm"
      fields={{ serverSlug, clientId }}
      action={deleteClientAction}
      confirmLabel="Delete client"
      pendingLabel="Deleting…"
      onDone={() => {
        toast.success("Client deleted");
        void queryClient.invalidateQueries({ queryKey: clientKeys.server(serverSlug) });
        void queryClient.invalidateQueries({ queryKey: serverKeys.all });
        router.replace(clientsListHref(serverSlug));
      }}
    />
  );
}
