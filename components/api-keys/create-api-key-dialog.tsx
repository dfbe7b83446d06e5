"use client";

import { KeyRoundIcon } from "lucide-react";
import {
  createContext,
  startTransition,
  use,
  useActionState,
  useCallback,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from "react";
import { toast } from "sonner";
import { createApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import { SecretReveal } from "@/components/feedback/secret-reveal";
import { FieldError } from "@/components/forms/field-error";
import { RoleField } from "@/components/members/role-select";
import { Button, type ButtonProps } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { canManageRole, ROLES, type Role } from "@/lib/auth/permissions";
import { API_KEY_EXPIRIES, CreateApiKeyInput, type ApiKeyExpiry } from "@/lib/schemas/api-keys";
import { fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";

const EXPIRY_LABELS: Record<ApiKeyExpiry, string> = {
  never: "Never",
  "30d": "In 30 days",
  "90d": "In 90 days",
  "365d": "In 1 year",
};
const EXPIRIES = Object.keys(API_KEY_EXPIRIES).filter(isExpiry);
const FIELDS = ["name", "role", "expiresIn"] as const;

function isExpiry(value: string): value is ApiKeyExpiry {
  return Object.hasOwn(API_KEY_EXPIRIES, value);
}

/** While saving, the dialog cannot be closed; once the token shows, only explicitly. */
type Lock = "saving" | "secret" | null;

const OpenContext = createContext<((opener: HTMLElement) => void) | null>(null);

/**
 * Holds the one "Create API key" dialog of the page, which several buttons open. It sits above the
 * list, so the dialog (and the token in its action state) survives the list re-rendering from empty
 * to filled when the action revalidates the page.
 */
export function CreateApiKeyDialogProvider({ viewerRole, children }: { viewerRole: Role; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [lock, setLock] = useState<Lock>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openFrom = useCallback((element: HTMLElement) => {
    opener.current = element;
    setOpen(true);
  }, []);

  return (
    <OpenContext value={openFrom}>
      {children}
      <Dialog
        open={open}
        onOpenChange={(next) => {
          // Closing mid-save would drop the result, and with it the only copy of the token.
          if (!next && lock === "saving") return;
          setOpen(next);
          if (!next) setLock(null);
        }}
      >
        <DialogContent
          onInteractOutside={(event) => lock && event.preventDefault()}
          onCloseAutoFocus={(event) => {
            // No Radix trigger: return focus to the button that opened the dialog, or, when that one
            // left with the empty state, to the one in the page header.
            event.preventDefault();
            const target = opener.current?.isConnected
              ? opener.current
              : document.querySelector<HTMLElement>("[data-create-api-key]");
            target?.focus();
          }}
        >
          {/* Content unmounts on close, so the action state (and the token in it) goes with it. */}
          <CreateApiKeyForm viewerRole={viewerRole} onLockChange={setLock} />
        </DialogContent>
      </Dialog>
    </OpenContext>
  );
}

/** Opens the page's "Create API key" dialog; use inside CreateApiKeyDialogProvider. */
export function CreateApiKeyButton(props: Omit<ButtonProps, "onClick" | "children" | "type">) {
  const open = use(OpenContext);
  return (
    <Button
      type="button"
      data-create-api-key=""
      aria-haspopup="dialog"
      {...props}
      onClick={(event) => open?.(event.currentTarget)}
    >
      <KeyRoundIcon aria-hidden="true" />
      Create API key
    </Button>
  );
}

function CreateApiKeyForm({ viewerRole, onLockChange }: { viewerRole: Role; onLockChange: (lock: Lock) => void }) {
  const [state, dispatch, pending] = useActionState(createApiKeyAction, null);
  const roles = ROLES.filter((r) => canManageRole(viewerRole, r));
  const [role, setRole] = useState<Role>("VIEWER");
  const [expiresIn, setExpiresIn] = useState<ApiKeyExpiry>("90d");
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  const lock: Lock = pending ? "saving" : state?.ok ? "secret" : null;
  useEffect(() => onLockChange(lock), [lock, onLockChange]);

  useEffect(() => {
    // Errors that belong to no field (e.g. "Only an owner can create a key with the Owner role.").
    if (state && !state.ok && !FIELDS.some((field) => state.fieldErrors?.[field]?.length)) toast.error(state.message);
  }, [state]);

  if (state?.ok) return <ApiKeyCreated name={state.data.apiKey.name} token={state.data.token} />;

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors ?? {};

  // Same schema as the server action; submitting through dispatch (not <form action>) keeps the
  // typed values, since React only resets forms that use the action prop.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    form.set("role", role);
    form.set("expiresIn", expiresIn);
    const parsed = CreateApiKeyInput.safeParse(formToObject(form));
    if (!parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  const expiryErrors = errors.expiresIn ?? [];
  return (
    <>
      <DialogHeader>
        <DialogTitle>Create API key</DialogTitle>
        <DialogDescription>
          For a script or CI job that calls the admin API. The key can do what its role allows.
        </DialogDescription>
      </DialogHeader>
      <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
        <FormField
          label="Name"
          name="name"
          id="create-api-key-name"
          required
          autoComplete="off"
          placeholder="CI deploys"
          errors={errors.name}
          description="Says where the key is used, so you know what breaks when you revoke it."
        />
        <RoleField
          id="create-api-key-role"
          value={role}
          onValueChange={setRole}
          roles={roles}
          errors={errors.role ?? []}
        />
        <div className="grid gap-2">
          <Label htmlFor="create-api-key-expires">Expires</Label>
          <Select value={expiresIn} onValueChange={(next) => isExpiry(next) && setExpiresIn(next)}>
            <SelectTrigger
              id="create-api-key-expires"
              className="w-full"
              aria-invalid={expiryErrors.length > 0 ? true : undefined}
              aria-describedby={expiryErrors.length > 0 ? "create-api-key-expires-error" : undefined}
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {EXPIRIES.map((expiry) => (
                <SelectItem key={expiry} value={expiry}>
                  {EXPIRY_LABELS[expiry]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <FieldError id="create-api-key-expires-error" errors={expiryErrors} />
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" aria-disabled={pending}>
            {pending ? "Creating…" : "Create API key"}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}

/** The one-time view: the token lives only here, in the action state. */
function ApiKeyCreated({ name, token }: { name: string; token: string }) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>API key created</DialogTitle>
        <DialogDescription>{`Copy the key for “${name}” now and keep it in a secret store.`}</DialogDescription>
      </DialogHeader>
      <SecretReveal secret={token} copyLabel="API key">
        <p className="text-sm text-muted-foreground">
          It will not be shown again. Send it as <code className="font-mono">Authorization: Bearer gha_…</code> to the
          admin API at <code className="font-mono">/api/v1</code>.
        </p>
      </SecretReveal>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button">Done</Button>
        </DialogClose>
      </DialogFooter>
    </>
  );
}
