// Server-action bodies that Next.js would fail on with a 500 (issue 10, defect 5): a multipart body
// that does not parse, and arguments that are not the JSON rows React's reply encoding produces.
// Next.js decodes them before any of our code runs, and reports every decoding error as a 500;
// proxy.ts asks this first and answers 400. React's rows mark references with a leading "$"
// ("$K1" = the FormData in fields "1_…", "$@2" = a promise in row 2, …); a reference to a row that
// is not there throws or waits for ever inside React. Our actions take (previous state, FormData)
// or (FormData), so the references a real client sends are few: anything else is refused. NUL is
// refused here too, once for every action field (PostgreSQL cannot store it). Size and Origin are
// the edge guard's (edge-guard.ts), which has already made sure the body is at most 1 MB with a
// declared length.
import { hasNul, MalformedBodyError, NUL_MESSAGE, parseJsonRefusingNul } from "./read-body-capped";

/**
 * The "$" strings React's encodeReply writes for what our actions take: an escaped "$" ("$$…"),
 * FormData ("$K<n>"), undefined, dates, bigints and the non-finite numbers.
 */
const KNOWN_REFERENCE = /^\$(?:\$|K\d+$|u$|D|n-?\d+$|-0$|NaN$|Infinity$|-Infinity$)/;

const MALFORMED = "The multipart body is malformed.";

/**
 * Control characters (but tab) in a part header: the Fetch API's parser keeps them in a field's
 * name, Next.js's (busboy) refuses the header with a 500 ("Malformed part header").
 */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** Why this server-action request cannot be decoded, or null when it can. */
export async function serverActionBodyProblem(request: Request): Promise<string | null> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const isFetchAction = request.headers.has("next-action");
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return MALFORMED;
    }
    // React reads a field as reply row +name (so "0", "00" and "" are all row 0); other fields are
    // FormData entries ("1_email"). A row sent twice makes React resolve it twice, and throw.
    const rows = new Set<number>();
    for (const [name, value] of form) {
      if (hasNul(name) || (typeof value === "string" && hasNul(value))) return NUL_MESSAGE;
      if (CONTROL.test(name) || (typeof value !== "string" && CONTROL.test(value.name))) return MALFORMED;
      if (typeof value !== "string") continue;
      const row = +name;
      if (!isFetchAction || Number.isNaN(row)) continue;
      if (rows.has(row)) return ARGUMENTS;
      rows.add(row);
      const problem = rowProblem(value);
      if (problem) return problem;
    }
    return isFetchAction ? rootProblem(form.get("0")) : null;
  }
  // Next.js ignores url-encoded actions; any other body of a fetch action is one JSON row.
  if (!isFetchAction || type.startsWith("application/x-www-form-urlencoded")) return null;
  return rootProblem(await request.text());
}

/** The root row holds the argument list: a JSON array (rowProblem has vetted its contents). */
function rootProblem(root: FormDataEntryValue | null): string | null {
  if (typeof root !== "string") return ARGUMENTS;
  return rowProblem(root) ?? (Array.isArray(JSON.parse(root)) ? null : ARGUMENTS);
}

const ARGUMENTS = "The server action's arguments are malformed.";

/** A reply row must be JSON without NUL whose "$" strings are all known references. */
function rowProblem(text: string): string | null {
  let row: unknown;
  try {
    row = parseJsonRefusingNul(text);
  } catch (err) {
    return err instanceof MalformedBodyError && err.message === NUL_MESSAGE ? NUL_MESSAGE : ARGUMENTS;
  }
  return hasUnknownReference(row) ? ARGUMENTS : null;
}

function hasUnknownReference(value: unknown): boolean {
  if (typeof value === "string") return value.startsWith("$") && !KNOWN_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some(hasUnknownReference);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).some(([k, v]) => hasUnknownReference(k) || hasUnknownReference(v));
  return false;
}
