// Shared metadata vocabulary for every rule: families, GDPR article tags and documentation links.
// Rules use @pulumi/policy's own metadata fields (`tags`, `severity`, `remediationSteps`, `url`);
// this module only keeps the words they share consistent.

/** The policy families. Every rule carries exactly one of these as its first tag. */
export const FAMILIES = [
    "transport",
    "secrets",
    "least-privilege",
    "encryption",
    "exposure",
    "recoverability",
    "audit",
] as const;
export type Family = (typeof FAMILIES)[number];

/** GDPR article tags. Article 30 (records of processing) is used by the ownership-label rules. */
export const GDPR_TAGS = ["gdpr-art-25", "gdpr-art-30", "gdpr-art-32"] as const;
export type GdprTag = (typeof GDPR_TAGS)[number];

/** Builds the `tags` list of a rule: its family first, then the GDPR articles it implements. */
export function tags(family: Family, ...articles: GdprTag[]): string[] {
    return [family, ...articles];
}

/** Where each rule's documentation lives; `ruleUrl(name)` is the anchor of its entry. */
export const DOCS_URL = "https://github.com/gdpr-guard/gdpr-guard/blob/main/docs/policies.md";

export function ruleUrl(name: string): string {
    return `${DOCS_URL}#${name}`;
}
