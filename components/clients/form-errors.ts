/** Whether any error belongs to one of the form's own fields ("redirectUris.2" belongs to redirectUris). */
export function hasFieldErrors(
  errors: Record<string, string[]> | null | undefined,
  fields: readonly string[],
): boolean {
  return Object.entries(errors ?? {}).some(
    ([key, messages]) => messages.length > 0 && fields.includes(key.split(".")[0] ?? ""),
  );
}
