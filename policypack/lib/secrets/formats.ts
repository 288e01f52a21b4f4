// gitleaks' credential formats, as data: formats.generated.json (scripts/secrets/gen-formats.ts
// writes it from gitleaks' default config; MIT, version in the file). This module applies a rule
// the way gitleaks does — keywords as a prefilter, the secret group, the entropy threshold, the
// global and the rule's allowlists — and yields what survives. Our own guards (placeholders,
// references) and the verdict are the detector's (detector.ts).
import data from "./formats.generated.json";

interface Source {
    source: string;
    flags: string;
}

interface Allowlist {
    condition: "OR" | "AND";
    regexTarget: "secret" | "match" | "line";
    regexes: Source[];
    stopwords: string[];
}

interface RuleData {
    id: string;
    regex: Source;
    secretGroup: number;
    entropy: number;
    keywords: string[];
    allowlists: Allowlist[];
}

interface CompiledAllowlist {
    and: boolean;
    target: Allowlist["regexTarget"];
    regexes: RegExp[];
    stopwords: string[];
}

interface CompiledRule {
    id: string;
    /** Global: every match of a value is tried, as gitleaks does. */
    re: RegExp;
    secretGroup: number;
    entropy: number;
    keywords: string[];
    allowlists: CompiledAllowlist[];
}

/** What data file the formats come from. */
export const FORMATS_SOURCE = { version: data.version, rules: data.rules.length };

function compileAllowlist(a: Allowlist): CompiledAllowlist {
    return {
        and: a.condition === "AND",
        target: a.regexTarget,
        regexes: a.regexes.map((r) => new RegExp(r.source, r.flags)),
        stopwords: a.stopwords,
    };
}

let compiled: { rules: CompiledRule[]; global: CompiledAllowlist } | undefined;

function load(): NonNullable<typeof compiled> {
    compiled ??= {
        rules: (data.rules as RuleData[]).map((r) => ({
            id: r.id,
            re: new RegExp(r.regex.source, `${r.regex.flags}g`),
            secretGroup: r.secretGroup,
            entropy: r.entropy,
            keywords: r.keywords,
            allowlists: r.allowlists.map(compileAllowlist),
        })),
        global: compileAllowlist(data.allowlist as Allowlist),
    };
    return compiled;
}

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(s: string): number {
    const counts = new Map<string, number>();
    for (const ch of s) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    let h = 0;
    for (const n of counts.values()) {
        const p = n / s.length;
        h -= p * Math.log2(p);
    }
    return h;
}

function allowed(a: CompiledAllowlist, secret: string, match: string, line: string): boolean {
    const target = a.target === "match" ? match : a.target === "line" ? line : secret;
    const checks: boolean[] = [];
    if (a.regexes.length > 0) {
        checks.push(a.regexes.some((re) => re.test(target)));
    }
    if (a.stopwords.length > 0) {
        const s = secret.toLowerCase();
        checks.push(a.stopwords.some((w) => s.includes(w)));
    }
    return a.and ? checks.length > 0 && checks.every(Boolean) : checks.some(Boolean);
}

export interface FormatMatch {
    /** gitleaks' rule id, e.g. "pulumi-api-token". */
    rule: string;
    /** The secret group: for the detector's guards only, never reported. */
    secret: string;
}

/**
 * The matches of gitleaks' rules in `text` that pass the rule's keywords, entropy threshold and
 * allowlists, in rule order. `prefilter: false` runs every regex (for the benchmark only).
 */
export function* formatMatches(text: string, prefilter = true): Generator<FormatMatch> {
    const { rules, global } = load();
    const lower = text.toLowerCase();
    for (const r of rules) {
        if (prefilter && r.keywords.length > 0 && !r.keywords.some((k) => lower.includes(k))) {
            continue;
        }
        r.re.lastIndex = 0;
        for (const m of text.matchAll(r.re)) {
            const secret =
                r.secretGroup > 0
                    ? (m[r.secretGroup] ?? "")
                    : (m.slice(1).find((g) => g !== undefined && g !== "") ?? m[0]);
            if (secret === "" || (r.entropy > 0 && shannonEntropy(secret) <= r.entropy)) {
                continue;
            }
            const start = text.lastIndexOf("\n", m.index) + 1;
            const end = text.indexOf("\n", m.index + m[0].length);
            const line = text.slice(start, end < 0 ? text.length : end);
            if ([global, ...r.allowlists].some((a) => allowed(a, secret, m[0], line))) {
                continue;
            }
            yield { rule: r.id, secret };
        }
    }
}
