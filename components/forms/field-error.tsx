/** A field's errors, announced; nothing when there are none. Point the field's `aria-describedby` at `id`. */
export function FieldError({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={id} role="alert" className="text-sm font-medium text-destructive">
      {errors.join(" ")}
    </p>
  );
}
