import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { Download } from "lucide-react";
import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { auditExportHref } from "@/components/audit/audit-url";
import { lastValues, type RawSearchParams } from "@/components/data-table/search-params";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { auditPageQuery } from "@/lib/queries/audit";
import { makeQueryClient } from "@/lib/queries/query-client";
import { AuditFilter, invertedDateRangeError } from "@/lib/schemas/audit";
import { listAuditEvents, listServers } from "@/lib/services";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  // The URL is the state: parsed here, and handed to the island.
  const filter = AuditFilter.parse(lastValues(await searchParams));
  const { ctx } = await requireStaff("/audit", "audit.read");

  const queryClient = makeQueryClient();
  const [servers] = await Promise.all([
    listServers({ ctx }),
    // An inverted date range is answered next to the dates, not fetched (the service refuses it).
    invertedDateRangeError(filter)
      ? null
      : queryClient.prefetchQuery({
          ...auditPageQuery(filter),
          queryFn: () => listAuditEvents({ ctx, input: filter }),
        }),
  ]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in Gatehouse, newest first."
        actions={
          <Button asChild variant="outline">
            <a href={auditExportHref(filter)} download>
              <Download aria-hidden />
              Export CSV
            </a>
          </Button>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AuditTable servers={servers.map((s) => ({ slug: s.slug, name: s.name }))} filter={filter} />
      </HydrationBoundary>
    </>
  );
}
