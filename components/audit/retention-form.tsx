"use client";

// The retention period picker (owners only). Shortening it deletes history at the next daily sweep,
// so the form says so and points to the CSV export, the archive path.
import { useActionState } from "react";
import { setAuditRetentionAction } from "@/app/(dashboard)/settings/audit-retention/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { Label } from "@/components/ui/label";
import { AUDIT_RETENTION_CHOICES, type AuditRetentionChoice } from "@/lib/schemas/audit-retention";

export function AuditRetentionForm({ current }: { current: AuditRetentionChoice }) {
  const [state, action, pending] = useActionState(setAuditRetentionAction, null);
  const failed = state?.ok === false ? state : undefined;
  const selected = (failed?.values?.auditRetention as AuditRetentionChoice | undefined) ?? current;
  return (
    <form action={action} className="grid max-w-xl gap-4 rounded-md border p-4">
      <FormAlert message={failed ? failed.message : state?.ok ? "Saved." : undefined} />
      <div className="grid gap-2">
        <Label htmlFor="auditRetention">Keep audit events for</Label>
        <select
          id="auditRetention"
          name="auditRetention"
          defaultValue={selected}
          aria-describedby="auditRetention-help"
          className="h-9 rounded-md border bg-background px-3 text-sm"
        >
          {Object.entries(AUDIT_RETENTION_CHOICES).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <p id="auditRetention-help" className="text-sm text-muted-foreground">
          Events older than this are deleted once a day and cannot be recovered. To keep an archive, download the audit
          log as CSV (Audit log → Export CSV, or GET /api/v1/audit/export) before shortening the period.
        </p>
      </div>
      <SubmitButton pending={pending} className="justify-self-start">
        Save
      </SubmitButton>
    </form>
  );
}
