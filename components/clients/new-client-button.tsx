import { Plus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** The "New client" link of an MCP server (page header and the empty list). */
export function NewClientButton({ slug }: { slug: string }) {
  return (
    <Button asChild>
      <Link href={`/servers/${slug}/clients/new`}>
        <Plus aria-hidden /> New client
      </Link>
    </Button>
  );
}
