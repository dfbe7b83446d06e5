/** The noun in the right number for a count: "consent" for 1, "consents" otherwise. */
export function pluralNoun(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/** "1 consent", "2 consents", "1,024 consents": a count with its noun in the right number. */
export function plural(n: number, singular: string, pluralForm?: string): string {
  return `${n.toLocaleString("en")} ${pluralNoun(n, singular, pluralForm)}`;
}
