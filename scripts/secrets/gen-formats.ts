// Generates policypack/lib/secrets/formats.generated.json — the known-format layer of the secret
// detector — from gitleaks' default rule set (config/gitleaks.toml, MIT), which is the field's
// best-kept list of credential formats. It reads a gitleaks module directory; it downloads nothing:
//
//     cd "$(mktemp -d)" && go mod init scratch >/dev/null 2>&1
//     GOFLAGS=-mod=mod go mod download -json github.com/zricethezav/gitleaks/v8@v8.30.1   # prints "Dir"
//     npx ts-node scripts/secrets/gen-formats.ts <Dir>     # e.g. ~/go/pkg/mod/github.com/zricethezav/gitleaks/v8@v8.30.1
//
// Each rule's RE2 regex is translated to JavaScript (scripts/secrets/re2.ts) and compiled; rules
// that cannot be translated faithfully, or that only apply to files by path, are listed under
// `skipped` with the reason. Keywords are kept lowercased (the detector's prefilter), with the
// secret group, the entropy threshold and the allowlists (regexes compiled the same way, stopwords).
//
// Derived value-only rules. 99 of gitleaks' vendor rules are name-bound: `[\w.-]{0,50}?(?:vendor)…
// (?:=|:|…)…(SECRET)(?:[`'"\s;]|\\[nr]|$)` matches only with the vendor's name in front of the value
// (`NEWRELIC_KEY=NRAK-…`), so a neutral name (`SETTING_VALUE=NRAK-…`) hides it. When such a rule's
// secret group begins with a distinctive literal prefix, the value alone says what it is, and a
// second rule with the same id is emitted right after it: `(?<![\w.-])(` + the secret group + `)` +
// the tail gitleaks' value-only rules use, the same flags, entropy and allowlists, keywords = the
// lowercased prefixes, `derived: "value-only from name-bound"`. The criterion, applied to every rule:
//   - distinctive: the group starts with a literal, or an alternation of literals (a leading optional
//     one, `(?:squ_|sqp_|sqa_)?`, becomes required), and every prefix it can start with is at least
//     4 characters long, or 3 ending in a separator (`-`, `_`, `.`): `NRAK-`, `dnkey-`, `t1.`, `sl.`;
//     not `00` (Okta), `su`, `b_`, `YC`, `A{22}`;
//   - not public by design: gitleaks' description calls the key public or publishable, or its prefix
//     is the vendor's public-key marker (`pk.`, `pub…`, `_pub_`) — a key shipped to browsers is
//     configuration in a deployed env var, not a secret. Such rules are listed under `notDerived`;
//   - the prefix begins a token: not after a word character, `.` or `-` (`cache-key-<md5>` is a
//     name, not Mailgun's `key-`), where gitleaks' value-only rules use `\b`;
//   - the name no longer vouches for the value, so a secret that reads as words (runs of lowercase
//     letters, of capitals or of digits joined by `.`, `_`, `-`: `live_stream_settings_…`) is
//     allowed by an extra allowlist.
import * as fs from "node:fs";
import * as path from "node:path";
import { captureGroup, re2ToJs, syntaxIndices, type Translated } from "./re2";

export const OUT = path.join(
    __dirname,
    "..",
    "..",
    "policypack",
    "lib",
    "secrets",
    "formats.generated.json",
);

interface TomlAllowlist {
    description?: string;
    condition?: string;
    regexTarget?: string;
    regexes?: string[];
    stopwords?: string[];
    paths?: string[];
    commits?: string[];
}

interface TomlRule {
    id: string;
    description?: string;
    regex?: string;
    path?: string;
    secretGroup?: number;
    entropy?: number;
    keywords?: string[];
    allowlists?: TomlAllowlist[];
}

export interface FormatAllowlist {
    /** "OR" (default): any regex or stopword allows; "AND": every kind given must. */
    condition: "OR" | "AND";
    /** What the regexes are tested on: the secret group, the whole match, or the line. */
    regexTarget: "secret" | "match" | "line";
    regexes: Translated[];
    /** Lowercase substrings of the secret that allow it. */
    stopwords: string[];
}

export interface FormatRule {
    id: string;
    description: string;
    regex: Translated;
    /** 0: the first non-empty capture group (gitleaks' default), else that group. */
    secretGroup: number;
    /** The secret's Shannon entropy must exceed it (0: no threshold). */
    entropy: number;
    /** Lowercase; the rule's regex runs only on text containing one of them. */
    keywords: string[];
    allowlists: FormatAllowlist[];
    /** Set on a value-only rule derived from a name-bound one (same id, the rule before it). */
    derived?: "value-only from name-bound";
}

export interface FormatsFile {
    source: string;
    version: string;
    license: string;
    generatedBy: string;
    rules: FormatRule[];
    skipped: Array<{ id: string; reason: string }>;
    /** Name-bound rules with a distinctive prefix that get no value-only rule, and why. */
    notDerived: Array<{ id: string; reason: string }>;
    /** gitleaks' global allowlist (its path entries are about files and are left out). */
    allowlist: FormatAllowlist;
}

function allowlist(a: TomlAllowlist): FormatAllowlist {
    if ((a.paths?.length ?? 0) > 0 || (a.commits?.length ?? 0) > 0) {
        // Paths and commits never match a value; under AND they would never allow it either.
        if (a.condition === "AND") {
            return { condition: "AND", regexTarget: "secret", regexes: [], stopwords: [] };
        }
    }
    const target = a.regexTarget ?? "secret";
    if (target !== "secret" && target !== "match" && target !== "line") {
        throw new Error(`regexTarget ${target}`);
    }
    return {
        condition: a.condition === "AND" ? "AND" : "OR",
        regexTarget: target,
        regexes: (a.regexes ?? []).map((r) => re2ToJs(r)),
        stopwords: (a.stopwords ?? []).map((w) => w.toLowerCase()),
    };
}

/** A name-bound rule, as translated: `[\w.\-]{0,50}?` then the vendor's name before the operator. */
const NAME_BOUND = /^\[\\w\.\\-\]\{0,50\}\?/;
/** The tail of gitleaks' value-only rules: the secret ends at a quote, space, `;`, `\n` or the end. */
const VALUE_TAIL = "(?:[`'\"\\s;]|\\\\[nr]|$)";
/** The derived rule's secret starts a token: not inside a word, a dotted or a dashed name. */
const TOKEN_START = "(?<![\\w.\\-])";
/**
 * A secret that reads as words (`live_stream_settings_for_eu`, `LIVE_FEATURE_FLAG_…`): runs of
 * lowercase letters, of capitals or of digits, joined by `.`, `_`, `-`. Case-sensitive, so a run
 * mixing cases, or a letter next to a digit, which random tokens almost always have, is no word.
 */
const WORDS: Translated = {
    source: "^(?:[a-z]+|[A-Z]+|[0-9]+)(?:[._\\-](?:[a-z]+|[A-Z]+|[0-9]+))*$",
    flags: "",
};
const PUBLIC_DESCRIPTION = /\bpublic\b|\bpublishable\b/i;
const PUBLIC_PREFIX = /^(?:pk[._-]|pub)|[._-]pub[._-]/i;

/** A literal character at `s[i]` (`a`, `-`, `\.`), with its length in the source; undefined if none. */
function literalAt(s: string, i: number): { ch: string; len: number } | undefined {
    if (/[A-Za-z0-9_\-]/.test(s[i] ?? "")) {
        return { ch: s[i], len: 1 };
    }
    if (s[i] === "\\" && /[^A-Za-z0-9]/.test(s[i + 1] ?? "a")) {
        return { ch: s[i + 1], len: 2 };
    }
    return undefined;
}

/** The literal run at `s[from]`; a character a quantifier follows is not part of it (`A{22}`, `s?`). */
function literalRun(s: string, from: number): { text: string; end: number } {
    let text = "";
    let i = from;
    for (let lit = literalAt(s, i); lit; lit = literalAt(s, i)) {
        if (/[?*+{]/.test(s[i + lit.len] ?? "")) {
            break;
        }
        text += lit.ch;
        i += lit.len;
    }
    return { text, end: i };
}

/** `s` split at its top-level `|` (outside every group and class). */
function splitTopLevel(s: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let last = 0;
    for (const i of syntaxIndices(s)) {
        if (s[i] === "(") {
            depth++;
        } else if (s[i] === ")") {
            depth--;
        } else if (s[i] === "|" && depth === 0) {
            parts.push(s.slice(last, i));
            last = i + 1;
        }
    }
    return [...parts, s.slice(last)];
}

/** The body of the group `s` starts with (`(…`, `(?:…`, `(?<n>…`) and the index of its `)`. */
function leadingGroup(s: string): { body: string; end: number } | undefined {
    const head = /^\((?:\?(?:P?<[A-Za-z_]\w*>|:))?/.exec(s)?.[0] ?? "";
    if (head === "") {
        return undefined;
    }
    let depth = 0;
    for (const i of syntaxIndices(s)) {
        if (s[i] === "(") {
            depth++;
        } else if (s[i] === ")" && --depth === 0) {
            return { body: s.slice(head.length, i), end: i };
        }
    }
    return undefined;
}

/**
 * The literal prefixes a secret group's body (JavaScript source) must start with, and the body
 * with a leading optional alternation made required: `(?:squ_|sqp_)?[a-z]{40}` gives
 * `["squ_", "sqp_"]` and `(?:squ_|sqp_)[a-z]{40}`; `(live|test)_pub_[a-f]{31}` gives
 * `["live_pub_", "test_pub_"]`. Undefined when the body can start without a literal.
 */
export function literalPrefixes(body: string): { prefixes: string[]; body: string } | undefined {
    if (body === "" || splitTopLevel(body).length > 1) {
        return undefined;
    }
    let heads = [""];
    let from = 0;
    let required = body;
    if (body[0] === "(") {
        // A leading group counts only as an alternation of literals: `(?:squ_|sqp_)`, `(live|test)`.
        const group = leadingGroup(body);
        const alternatives = group === undefined ? [] : splitTopLevel(group.body);
        if (
            group === undefined ||
            !alternatives.every((a) => a !== "" && literalRun(a, 0).end === a.length) ||
            /[*+{]/.test(body[group.end + 1] ?? "")
        ) {
            return undefined;
        }
        heads = alternatives.map((a) => literalRun(a, 0).text);
        from = group.end + 1;
        if (body[from] === "?") {
            required = body.slice(0, from) + body.slice(from + 1);
        }
    }
    const run = literalRun(required, from);
    const prefixes = heads.map((h) => h + run.text);
    return prefixes.every((p) => p !== "") ? { prefixes, body: required } : undefined;
}

/** A prefix that names its vendor: 4 characters or more, or 3 ending in a separator (`t1.`). */
export function isDistinctive(prefix: string): boolean {
    return prefix.length >= 4 || (prefix.length === 3 && /[-_.]$/.test(prefix));
}

/**
 * The value-only rule derived from a name-bound `rule` (see the header), or why there is none:
 * `undefined` when the rule is not name-bound or its prefix is not distinctive, a reason when it
 * is but the key is public by design.
 */
export function deriveValueOnly(rule: FormatRule): FormatRule | string | undefined {
    if (!NAME_BOUND.test(rule.regex.source)) {
        return undefined;
    }
    const span = captureGroup(rule.regex.source, rule.secretGroup > 0 ? rule.secretGroup : 1);
    const lit = span && literalPrefixes(rule.regex.source.slice(span.start, span.end));
    if (lit === undefined || !lit.prefixes.every(isDistinctive)) {
        return undefined;
    }
    if (
        PUBLIC_DESCRIPTION.test(rule.description) ||
        lit.prefixes.some((p) => PUBLIC_PREFIX.test(p))
    ) {
        return `public by design (${lit.prefixes.join(", ")}): a key shipped to clients is configuration, not a secret`;
    }
    const source = `${TOKEN_START}(${lit.body})${VALUE_TAIL}`;
    new RegExp(source, rule.regex.flags); // throws on anything JS cannot compile
    return {
        ...rule,
        regex: { source, flags: rule.regex.flags },
        secretGroup: 1,
        keywords: [...new Set(lit.prefixes.map((p) => p.toLowerCase()))],
        allowlists: [
            ...rule.allowlists,
            { condition: "OR", regexTarget: "secret", regexes: [WORDS], stopwords: [] },
        ],
        derived: "value-only from name-bound",
    };
}

/** The data file for one gitleaks config text and version. */
export async function generate(toml: string, version: string): Promise<FormatsFile> {
    // smol-toml is ESM-only for TypeScript's CommonJS output: loaded with import().
    const { parse } = await import("smol-toml");
    const doc = parse(toml) as { rules?: TomlRule[]; allowlist?: TomlAllowlist };
    const rules: FormatRule[] = [];
    const skipped: FormatsFile["skipped"] = [];
    const notDerived: FormatsFile["notDerived"] = [];
    for (const r of doc.rules ?? []) {
        if (r.path !== undefined) {
            skipped.push({
                id: r.id,
                reason: `applies to files by path (${r.path}), a value has none`,
            });
            continue;
        }
        if (r.regex === undefined) {
            skipped.push({ id: r.id, reason: "no regex" });
            continue;
        }
        let rule: FormatRule;
        try {
            rule = {
                id: r.id,
                description: r.description ?? "",
                regex: re2ToJs(r.regex),
                secretGroup: r.secretGroup ?? 0,
                entropy: r.entropy ?? 0,
                keywords: [...new Set((r.keywords ?? []).map((k) => k.toLowerCase()))],
                allowlists: (r.allowlists ?? []).map(allowlist),
            };
        } catch (e) {
            skipped.push({ id: r.id, reason: `regex not translated: ${(e as Error).message}` });
            continue;
        }
        rules.push(rule);
        const derived = deriveValueOnly(rule);
        if (typeof derived === "string") {
            notDerived.push({ id: r.id, reason: derived });
        } else if (derived !== undefined) {
            rules.push(derived);
        }
    }
    const global = doc.allowlist ?? {};
    return {
        source: "gitleaks config/gitleaks.toml (github.com/zricethezav/gitleaks/v8)",
        version,
        license:
            "MIT — Copyright (c) 2019 Zachary Rice. Derived data: gitleaks' default rules, regexes translated from RE2 to JavaScript.",
        generatedBy: "scripts/secrets/gen-formats.ts",
        rules,
        skipped,
        notDerived,
        allowlist: allowlist({ ...global, paths: undefined, condition: undefined }),
    };
}

async function main(argv: string[]): Promise<number> {
    const dir = argv[0];
    if (dir === undefined || !fs.existsSync(path.join(dir, "config", "gitleaks.toml"))) {
        process.stderr.write(
            'usage: ts-node scripts/secrets/gen-formats.ts <gitleaks module dir> (the "Dir" of go mod download -json)\n',
        );
        return 2;
    }
    const version = /@(v\d+\.\d+\.\d+)$/.exec(path.resolve(dir))?.[1];
    if (version === undefined) {
        process.stderr.write(
            `cannot tell the gitleaks version from ${dir}: expected a path ending in @vX.Y.Z\n`,
        );
        return 2;
    }
    const data = await generate(
        fs.readFileSync(path.join(dir, "config", "gitleaks.toml"), "utf8"),
        version,
    );
    fs.writeFileSync(OUT, `${JSON.stringify(data, null, 1)}\n`);
    process.stdout.write(
        `${path.relative(process.cwd(), OUT)}: gitleaks ${version}, ${data.rules.length} rules (${data.rules.filter((r) => r.derived).length} derived value-only), ${data.skipped.length} skipped\n`,
    );
    return 0;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
