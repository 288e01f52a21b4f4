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
import * as fs from "node:fs";
import * as path from "node:path";
import { re2ToJs, type Translated } from "./re2";

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
}

export interface FormatsFile {
    source: string;
    version: string;
    license: string;
    generatedBy: string;
    rules: FormatRule[];
    skipped: Array<{ id: string; reason: string }>;
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

/** The data file for one gitleaks config text and version. */
export async function generate(toml: string, version: string): Promise<FormatsFile> {
    // smol-toml is ESM-only for TypeScript's CommonJS output: loaded with import().
    const { parse } = await import("smol-toml");
    const doc = parse(toml) as { rules?: TomlRule[]; allowlist?: TomlAllowlist };
    const rules: FormatRule[] = [];
    const skipped: FormatsFile["skipped"] = [];
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
        try {
            rules.push({
                id: r.id,
                description: r.description ?? "",
                regex: re2ToJs(r.regex),
                secretGroup: r.secretGroup ?? 0,
                entropy: r.entropy ?? 0,
                keywords: [...new Set((r.keywords ?? []).map((k) => k.toLowerCase()))],
                allowlists: (r.allowlists ?? []).map(allowlist),
            });
        } catch (e) {
            skipped.push({ id: r.id, reason: `regex not translated: ${(e as Error).message}` });
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
        `${path.relative(process.cwd(), OUT)}: gitleaks ${version}, ${data.rules.length} rules, ${data.skipped.length} skipped\n`,
    );
    return 0;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
