import { Plus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** The "New MCP server" link (page header and the empty list). */
export function NewServerButton() {
  return (
    <Button asChild>
      <Link href="/servers/new">
        <Plus aria-hidden className="size-4" /> New MCP server
      </Link>
    </Button>
  );
}
