"use client";

import { WebhookIcon } from "lucide-react";
import { startTransition, useActionState, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { createWebhookAction } from "@/app/(dashboard)/settings/webhooks/actions";
import {
  OneTimeSecretDialogButton,
  OneTimeSecretDialogProvider,
  OneTimeSecretView,
  useSecretDialogLock,
  type SecretDialogLock,
} from "@/components/feedback/one-time-secret-dialog";
import { FieldError } from "@/components/forms/field-error";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogClose, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { asArray, fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";
import { CreateWebhookInput, WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENTS } from "@/lib/schemas/webhooks";

const FIELDS = ["url", "description", "events"] as const;

/** Errors of a field and of its items ("events", "events.0"). */
function errorsOf(errors: FieldErrors, field: string): string[] {
  return Object.entries(errors).flatMap(([key, messages]) =>
    key === field || key.startsWith(`${field}.`) ? messages : [],
  );
}

/** Holds the page's one "Add webhook" dialog, which several buttons open. */
export function CreateWebhookDialogProvider({ children }: { children: ReactNode }) {
  return (
    <OneTimeSecretDialogProvider
      marker="data-create-webhook"
      form={(onLockChange) => <CreateWebhookForm onLockChange={onLockChange} />}
    >
      {children}
    </OneTimeSecretDialogProvider>
  );
}

/** Opens the page's "Add webhook" dialog; use inside CreateWebhookDialogProvider. */
export function CreateWebhookButton(props: Omit<ButtonProps, "onClick" | "children" | "type">) {
  return (
    <OneTimeSecretDialogButton marker="data-create-webhook" icon={WebhookIcon} {...props}>
      Add webhook
    </OneTimeSecretDialogButton>
  );
}

function CreateWebhookForm({ onLockChange }: { onLockChange: (lock: SecretDialogLock) => void }) {
  const [state, dispatch, pending] = useActionState(createWebhookAction, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  useSecretDialogLock(pending, state?.ok === true, onLockChange);

  useEffect(() => {
    // Errors that belong to no field (an expired session, a missing permission, our own failure).
    if (state && !state.ok && !FIELDS.some((field) => errorsOf(state.fieldErrors ?? {}, field).length > 0))
      toast.error(state.message);
  }, [state]);

  if (state?.ok) return <WebhookCreated url={state.data.url} secret={state.data.secret} />;

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors ?? {};
  const eventErrors = errorsOf(errors, "events");

  // Same schema and reshaping as the server action; submitting through dispatch (not <form action>)
  // keeps the typed values and ticked boxes, since React only resets forms that use the action prop.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const { events, ...rest } = formToObject(form);
    const parsed = CreateWebhookInput.safeParse({ ...rest, events: asArray(events) });
    if (!parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Add webhook</DialogTitle>
        <DialogDescription>
          Gatehouse POSTs a signed JSON body to this URL whenever one of the chosen events happens.
        </DialogDescription>
      </DialogHeader>
      <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
        <FormField
          label="Endpoint URL"
          name="url"
          id="create-webhook-url"
          type="url"
          required
          autoComplete="off"
          placeholder="https://example.com/gatehouse-events"
          errors={errorsOf(errors, "url")}
          description="Must answer with a 2xx status within 10 seconds. Redirects are not followed."
          inputProps={{ spellCheck: false, inputMode: "url" }}
        />
        <FormField
          label="Description"
          name="description"
          id="create-webhook-description"
          autoComplete="off"
          placeholder="Security alerts to the SIEM"
          errors={errorsOf(errors, "description")}
          description="Optional: who receives the events and why."
          inputProps={{ maxLength: 200 }}
        />
        <fieldset
          className="grid gap-2"
          aria-describedby={
            eventErrors.length > 0
              ? "create-webhook-events-description create-webhook-events-error"
              : "create-webhook-events-description"
          }
        >
          <legend className="mb-1 text-sm font-medium">
            Events
            <span aria-hidden="true" className="text-destructive">
              *
            </span>
          </legend>
          <p id="create-webhook-events-description" className="text-sm text-muted-foreground">
            Only the ticked events are sent to this endpoint.
          </p>
          <ul className="grid gap-2">
            {WEBHOOK_EVENTS.map((type) => {
              const id = `create-webhook-event-${type.replace(/[._]/g, "-")}`;
              return (
                <li key={type} className="flex items-start gap-2">
                  <Checkbox
                    id={id}
                    name="events"
                    value={type}
                    aria-describedby={`${id}-description`}
                    aria-invalid={eventErrors.length > 0 ? true : undefined}
                    className="mt-0.5"
                  />
                  <div className="grid gap-0.5">
                    <Label htmlFor={id} className="font-mono">
                      {type}
                    </Label>
                    <span id={`${id}-description`} className="text-sm text-muted-foreground">
                      {WEBHOOK_EVENT_DESCRIPTIONS[type]}
                    </span>
                  </div>
                </li>
              );
            })}
          </ul>
          <FieldError id="create-webhook-events-error" errors={eventErrors} />
        </fieldset>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" aria-disabled={pending}>
            {pending ? "Adding…" : "Add webhook"}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}

/** The one-time view: the signing secret lives only here, in the action state. */
function WebhookCreated({ url, secret }: { url: string; secret: string }) {
  return (
    <OneTimeSecretView
      title="Webhook added"
      description={`Copy the signing secret for ${url} now and keep it in the receiver's secret store.`}
      descriptionClassName="break-all"
      secret={secret}
      copyLabel="signing secret"
    >
      <p className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
        It will not be shown again. The receiver uses it to check the{" "}
        <code className="font-mono">Gatehouse-Signature</code> header of every delivery; if it is lost, delete this
        webhook and add it again.
      </p>
    </OneTimeSecretView>
  );
}
