import * as React from "react";

import { cn } from "@/lib/utils";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export type FormFieldProps = {
  label: React.ReactNode;
  name: string;
  /** Defaults to `name`. */
  id?: string;
  type?: React.HTMLInputTypeAttribute;
  required?: boolean;
  /** Validation messages; when non-empty the input is marked `aria-invalid`. */
  errors?: string[] | undefined;
  description?: React.ReactNode;
  defaultValue?: string | number;
  placeholder?: string;
  autoComplete?: React.HTMLInputAutoCompleteAttribute;
  disabled?: boolean;
  readOnly?: boolean;
  className?: string;
  inputClassName?: string;
  /** Any other native input attributes (min, max, pattern, inputMode, spellCheck …). */
  inputProps?: Omit<
    React.ComponentProps<"input">,
    "id" | "name" | "type" | "required" | "defaultValue" | "placeholder" | "autoComplete"
  >;
};

/**
 * Labelled text input with description and error messages wired up for
 * assistive technology (`htmlFor`, `aria-invalid`, `aria-describedby`).
 * Works in server components and with `<form action={…}>`.
 */
export function FormField({
  label,
  name,
  id,
  type = "text",
  required,
  errors,
  description,
  defaultValue,
  placeholder,
  autoComplete,
  disabled,
  readOnly,
  className,
  inputClassName,
  inputProps,
}: FormFieldProps) {
  const inputId = id ?? name;
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;
  const errorList = (errors ?? []).filter((e) => e.length > 0);
  const hasErrors = errorList.length > 0;

  const describedBy =
    [description ? descriptionId : null, hasErrors ? errorId : null].filter((v): v is string => v !== null).join(" ") ||
    undefined;

  return (
    <div data-slot="form-field" className={cn("grid gap-2", className)}>
      <Label htmlFor={inputId}>
        {label}
        {/* The input's `required` attribute is what assistive technology announces. */}
        {required ? (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      <Input
        {...inputProps}
        id={inputId}
        name={name}
        type={type}
        required={required}
        disabled={disabled}
        readOnly={readOnly}
        defaultValue={defaultValue}
        placeholder={placeholder}
        autoComplete={autoComplete}
        aria-invalid={hasErrors ? true : undefined}
        aria-describedby={describedBy}
        className={inputClassName}
      />
      {description ? (
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {hasErrors ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-destructive">
          {errorList.length === 1
            ? errorList[0]
            : errorList.map((error, i) => (
                <span key={i} className="block">
                  {error}
                </span>
              ))}
        </p>
      ) : null}
    </div>
  );
}
