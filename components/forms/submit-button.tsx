"use client";

import { Loader2 } from "lucide-react";
import type { ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

export function SubmitButton({
  pending,
  children,
  ...props
}: { pending: boolean; children: ReactNode } & Omit<ButtonProps, "type">) {
  return (
    <Button type="submit" disabled={pending} aria-busy={pending} {...props}>
      {pending && <Loader2 aria-hidden className="size-4 animate-spin" />}
      {children}
    </Button>
  );
}
