// RFC 7644 §3.4.2.2 filters, the subset provisioning clients send: `attr eq "value"` joined by
// `and` (Okta and Entra look users up by userName or externalId before creating them). Attribute
// names are case-insensitive (RFC 7643 §2.1) and may carry the core User schema URN. Anything else
// — another operator, `or`, `not`, grouping, an unknown attribute — is a 400 invalidFilter, so a
// filter is never silently widened to "every user".
import { invalidFilter } from "./errors";
import { USER_SCHEMA } from "./schemas";

export type FilterAttribute = "id" | "userName" | "externalId" | "emails.value" | "active";
export type FilterValue = string | boolean;

export interface FilterCondition {
  attribute: FilterAttribute;
  value: FilterValue;
}

const ATTRIBUTES: Record<string, FilterAttribute> = {
  id: "id",
  username: "userName",
  externalid: "externalId",
  "emails.value": "emails.value",
  emails: "emails.value",
  'emails[type eq "work"].value': "emails.value",
  active: "active",
};

const MAX_FILTER_LENGTH = 1000;

type Token = { kind: "word"; text: string } | { kind: "string"; text: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const ch = filter[i]!;
    if (ch === " " || ch === "\t") {
      i++;
    } else if (ch === '"') {
      // A JSON string literal (RFC 7644: "compValue = false / null / true / number / string").
      let j = i + 1;
      while (j < filter.length && filter[j] !== '"') j += filter[j] === "\\" ? 2 : 1;
      if (j >= filter.length) throw invalidFilter("The filter has an unterminated string.");
      let text: unknown;
      try {
        text = JSON.parse(filter.slice(i, j + 1));
      } catch {
        throw invalidFilter("The filter has an invalid string literal.");
      }
      tokens.push({ kind: "string", text: String(text) });
      i = j + 1;
    } else {
      let j = i;
      // A bracketed value path (emails[type eq "work"].value) is one word, spaces and quotes included.
      while (j < filter.length && filter[j] !== " " && filter[j] !== "\t") {
        if (filter[j] === "[") {
          const close = filter.indexOf("]", j);
          if (close < 0) throw invalidFilter("The filter has an unclosed '['.");
          j = close + 1;
        } else if (filter[j] === '"') {
          throw invalidFilter("The filter has a quote inside a word.");
        } else {
          j++;
        }
      }
      tokens.push({ kind: "word", text: filter.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

function attributeOf(word: string): FilterAttribute {
  let name = word;
  if (name.toLowerCase().startsWith(`${USER_SCHEMA.toLowerCase()}:`)) name = name.slice(USER_SCHEMA.length + 1);
  const attribute = ATTRIBUTES[name.toLowerCase().replace(/\s+/g, " ")];
  if (!attribute) throw invalidFilter(`Filtering by "${word.slice(0, 100)}" is not supported.`);
  return attribute;
}

function valueOf(token: Token, attribute: FilterAttribute): FilterValue {
  if (attribute === "active") {
    const text = token.text.toLowerCase();
    if (text === "true" || text === "false") return text === "true";
    throw invalidFilter("active compares with true or false.");
  }
  if (token.kind !== "string") throw invalidFilter(`${attribute} compares with a quoted string.`);
  return token.text;
}

/** Parses a filter; throws only ScimError (400 invalidFilter). */
export function parseFilter(filter: string): FilterCondition[] {
  if (filter.length > MAX_FILTER_LENGTH) throw invalidFilter("The filter is too long.");
  const tokens = tokenize(filter);
  if (tokens.length === 0) throw invalidFilter("The filter is empty.");
  const conditions: FilterCondition[] = [];
  let i = 0;
  for (;;) {
    const [attr, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!attr || attr.kind !== "word" || !op || !value)
      throw invalidFilter('Write the filter as attribute eq "value", joined by "and".');
    const attribute = attributeOf(attr.text);
    if (op.kind !== "word" || op.text.toLowerCase() !== "eq")
      throw invalidFilter(`Only the "eq" operator is supported (got "${op.text.slice(0, 20)}").`);
    conditions.push({ attribute, value: valueOf(value, attribute) });
    i += 3;
    const next = tokens[i];
    if (!next) return conditions;
    if (next.kind !== "word" || next.text.toLowerCase() !== "and")
      throw invalidFilter(`Only "and" may join conditions (got "${next.text.slice(0, 20)}").`);
    i++;
  }
}
