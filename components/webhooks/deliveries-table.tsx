import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeliveryDto } from "@/lib/services";
import { RedeliverButton } from "./redeliver-button";

/** A delivery's state in words: the badge, and for retries when the next attempt is due. */
function DeliveryStatus({ delivery }: { delivery: DeliveryDto }) {
  const { status, attempts } = delivery;
  if (status === "succeeded") return <Badge variant="success">Delivered</Badge>;
  if (status === "failed") {
    return (
      <div className="grid gap-1">
        <Badge variant="destructive">Failed</Badge>
        <span className="text-xs text-muted-foreground">{`Gave up after ${attempts} ${attempts === 1 ? "attempt" : "attempts"}`}</span>
      </div>
    );
  }
  if (status === "pending" && attempts === 0) {
    return (
      <div className="grid gap-1">
        <Badge variant="secondary">Queued</Badge>
        <span className="text-xs text-muted-foreground">Sent within seconds</span>
      </div>
    );
  }
  if (status === "pending") {
    return (
      <div className="grid gap-1">
        <Badge variant="warning">Retrying</Badge>
        <span className="text-xs text-muted-foreground">
          {`Attempt ${attempts}, next at `}
          <LocalTime iso={delivery.nextAttemptAt} />
        </span>
      </div>
    );
  }
  return <Badge variant="outline">{status}</Badge>;
}

/** An endpoint's most recent deliveries, newest first; server-rendered. */
export function DeliveriesTable({ deliveries }: { deliveries: DeliveryDto[] }) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Event</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Response</TableHead>
            <TableHead>Last error</TableHead>
            <TableHead>Last attempt</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {deliveries.map((delivery) => (
            <TableRow key={delivery.id}>
              <TableCell className="align-top">
                <div className="grid gap-0.5">
                  <span className="font-mono text-sm font-medium">{delivery.eventType}</span>
                  <span
                    className="font-mono text-xs text-muted-foreground"
                    title="Event ID (the Gatehouse-Event-Id header)"
                  >
                    {delivery.eventId}
                  </span>
                </div>
              </TableCell>
              <TableCell className="align-top">
                <DeliveryStatus delivery={delivery} />
              </TableCell>
              <TableCell className="align-top font-mono tabular-nums">
                {delivery.lastStatusCode ?? <span className="font-sans text-muted-foreground">—</span>}
              </TableCell>
              <TableCell className="max-w-xs align-top">
                {delivery.lastError ? (
                  <span className="line-clamp-2 text-sm break-words" title={delivery.lastError}>
                    {delivery.lastError}
                  </span>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell className="align-top">
                {delivery.lastAttemptAt ? (
                  <LocalTime iso={delivery.lastAttemptAt} relative />
                ) : (
                  <span className="text-muted-foreground">Not yet</span>
                )}
              </TableCell>
              <TableCell className="text-right align-top">
                <RedeliverButton deliveryId={delivery.id} eventType={delivery.eventType} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
