import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { UserDate } from "@/components/users/user-date";
import type { WebhookDto } from "@/lib/services";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";

export function webhookHref(webhookId: string): string {
  return `/settings/webhooks/${encodeURIComponent(webhookId)}`;
}

/** The endpoint's subscribed event types as badges. */
export function WebhookEventBadges({ events }: { events: readonly string[] }) {
  return (
    <ul className="flex max-w-md flex-wrap gap-1" aria-label="Events">
      {events.map((type) => (
        <li key={type}>
          <Badge variant="secondary" className="font-mono">
            {type}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** The webhook endpoints; server-rendered. */
export function WebhooksTable({ webhooks }: { webhooks: WebhookDto[] }) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Endpoint</TableHead>
            <TableHead>Events</TableHead>
            <TableHead>Created by</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {webhooks.map((webhook) => (
            <TableRow key={webhook.id}>
              <TableCell className="max-w-sm align-top">
                <div className="grid gap-1">
                  <Link
                    href={webhookHref(webhook.id)}
                    className="font-mono text-sm font-medium break-all underline-offset-4 hover:underline"
                  >
                    {webhook.url}
                  </Link>
                  {webhook.description ? (
                    <span className="text-sm text-muted-foreground">{webhook.description}</span>
                  ) : null}
                  {webhook.disabledAt ? (
                    <Badge variant="outline" title="Disabled endpoints receive no new events.">
                      Disabled
                    </Badge>
                  ) : null}
                </div>
              </TableCell>
              <TableCell className="align-top">
                <WebhookEventBadges events={webhook.events} />
              </TableCell>
              <TableCell className="align-top">
                {webhook.createdByLabel ?? <span className="text-muted-foreground">—</span>}
              </TableCell>
              <TableCell className="align-top">
                <UserDate value={webhook.createdAt} />
              </TableCell>
              <TableCell className="align-top">
                <div className="flex items-center justify-end gap-1">
                  <Button asChild variant="outline" size="sm">
                    <Link href={webhookHref(webhook.id)}>
                      Deliveries<span className="sr-only"> of {webhook.url}</span>
                    </Link>
                  </Button>
                  <DeleteWebhookDialog webhookId={webhook.id} url={webhook.url} />
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
