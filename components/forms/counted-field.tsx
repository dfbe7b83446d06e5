"use client";

import { useState } from "react";
import { FormField, type FormFieldProps } from "@/components/ui/form-field";
import { cn } from "@/lib/utils";

const count = new Intl.NumberFormat("en-US");

/**
 * A text field with a length limit that shows the limit and the count ("12 / 100") instead of a
 * `maxlength`, which silently cuts a pasted text and saves what is left. Over the limit the count
 * turns red and says by how much; the form's schema refuses the value on submit.
 */
export function CountedField({ max, ...props }: FormFieldProps & { max: number }) {
  const [length, setLength] = useState(String(props.defaultValue ?? "").length);
  const over = length - max;
  const inputId = props.id ?? props.name;
  return (
    <div className={cn("grid gap-1", props.className)}>
      <FormField
        {...props}
        className={undefined}
        inputProps={{
          ...props.inputProps,
          onChange: (event) => {
            setLength(event.currentTarget.value.length);
            props.inputProps?.onChange?.(event);
          },
        }}
      />
      <p
        id={`${inputId}-count`}
        aria-live="polite"
        data-testid={`${inputId}-count`}
        className={cn("text-xs tabular-nums", over > 0 ? "font-medium text-destructive" : "text-muted-foreground")}
      >
        {count.format(length)} / {count.format(max)} characters
        {over > 0 ? ` — ${count.format(over)} too many` : ""}
      </p>
    </div>
  );
}
