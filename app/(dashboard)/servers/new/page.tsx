import type { Metadata } from "next";
import { ServerForm } from "@/components/servers/server-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { createServerAction } from "../actions";

export const metadata: Metadata = { title: "New MCP server" };

export default async function NewServerPage() {
  await requireStaff("/servers/new", "servers.write");
  return (
    <div className="space-y-6">
      <PageHeader
        title="New MCP server"
        description="Gatehouse will be the authorization server for this MCP endpoint."
      />
      <ServerForm action={createServerAction} />
    </div>
  );
}
