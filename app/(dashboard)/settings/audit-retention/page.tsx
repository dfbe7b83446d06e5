import type { Metadata } from "next";
import { AuditRetentionForm } from "@/components/audit/retention-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { retentionChoice } from "@/lib/schemas/audit-retention";
import { getAuditRetentionDays } from "@/lib/services";

export const metadata: Metadata = { title: "Data retention" };

export default async function AuditRetentionPage() {
  const { ctx } = await requireStaff("/settings/audit-retention", "audit.retention");
  const days = await getAuditRetentionDays(ctx);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Data retention"
        description="How long the audit log keeps events. A daily sweep deletes older ones; the deletion itself is recorded in the log."
      />
      <AuditRetentionForm current={retentionChoice(days)} />
    </div>
  );
}
