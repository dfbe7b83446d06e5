import { Bot, UserCheck } from "lucide-react";
import type { Metadata } from "next";
import { ClientPageShell } from "@/components/clients/client-page-shell";
import { EmptyState } from "@/components/ui/empty-state";
import { loadClient } from "../load-client";

export const metadata: Metadata = { title: "Client consents" };

export default async function ClientConsentsPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { server, client } = await loadClient(slug, id, "/consents");
  return (
    <ClientPageShell server={server} client={client} current="/consents">
      {client.flow === "client_credentials" ? (
        <EmptyState
          icon={Bot}
          title="This client has no user consents"
          description="It uses the client-credentials flow: it acts on its own behalf, not for users, so no user is ever asked to consent to it."
        />
      ) : client.consentCount === 0 ? (
        <EmptyState
          icon={UserCheck}
          title="No users have granted consent yet"
          description="When a user approves this client on the consent screen, their grant appears here, with the scopes they granted."
        />
      ) : (
        <EmptyState
          icon={UserCheck}
          title={`${client.consentCount} ${client.consentCount === 1 ? "user has" : "users have"} granted consent`}
          description="The list of individual consents is not available yet."
        />
      )}
    </ClientPageShell>
  );
}
