import type { Metadata } from "next";
import Link from "next/link";
import { CreateClientForm } from "@/components/clients/create-client-form";
import { ServerTabs } from "@/components/servers/server-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { loadServer } from "../../load-server";

export const metadata: Metadata = { title: "New client" };

export default async function NewClientPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const path = `/servers/${slug}/clients/new`;
  await requireStaff(path, "clients.write");
  const { server } = await loadServer(slug, path);
  return (
    <div className="space-y-6">
      <PageHeader
        title="New client"
        description={
          <>
            Pre-register an app or agent that will get tokens for{" "}
            <Link href={`/servers/${server.slug}`} className="underline underline-offset-4">
              {server.name}
            </Link>
            .
          </>
        }
      />
      <ServerTabs slug={server.slug} current="/clients" />
      <CreateClientForm
        server={{ slug: server.slug, issuer: server.issuer, resourceUrl: server.resourceUrl, scopes: server.scopes }}
      />
    </div>
  );
}
