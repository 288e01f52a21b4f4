// Generates docs/policies.md (the rule reference) and docs/gdpr-mapping.md (GDPR articles → rules,
// side by side with Prowler's and Steampipe's GDPR mappings) from the rules' own metadata.
//
//     npm run docs            write both files
//     npm run docs -- --check exit 1 when either file is stale (test/policypack/docs.spec.ts does the same)
//
// The rules come from the catalogue (scripts/docs/catalogue.ts, shared with the conformance spec);
// the comparison table from scripts/docs/comparison.yaml. Each rule's example violation is the first message it reports on the `legacy-sync` example stack,
// from one run of the offline engine (the built pack, as `gdpr-guard check` runs it).
import type { Policy, PolicyConfigSchema } from "@pulumi/policy";
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { withExemptions } from "../policypack/lib/exemptions";
import { FAMILIES, GDPR_TAGS, type GdprTag } from "../policypack/lib/meta";
import {
    MAPPING_MD,
    POLICIES_DIR,
    POLICIES_MD,
    ROOT,
    type RuleEntry,
    collectRules,
    specFileOf,
    walk,
} from "./docs/catalogue";

/** The generated files, in the order `generate` returns them. */
export const GENERATED = [POLICIES_MD, MAPPING_MD];
/** The example stack whose violations illustrate the rules. */
export const EXAMPLE_STACK = "legacy-sync";

/** What a rule reported on the example stack, to show in its entry. */
export interface Example {
    /** The resource it was reported on; "" when the message names no resource. */
    type: string;
    name: string;
    message: string;
}

/** Rule name → the first violation it reports on the example stack. */
export type Examples = Map<string, Example>;

function sourcesOf(dir: string): string[] {
    return fs.existsSync(dir) ? walk(dir) : [];
}

/**
 * The offline engine runs the built pack (policypack/bin, as `--policy-pack` does), so examples
 * taken from a stale build would document old messages: refuse, and say how to fix it.
 */
function assertPackBuilt(): void {
    const pack = path.join(ROOT, "policypack");
    const sources = [
        path.join(pack, "index.ts"),
        ...sourcesOf(path.join(pack, "lib")),
        ...sourcesOf(POLICIES_DIR),
    ];
    for (const src of sources) {
        const built = path.join(pack, "bin", path.relative(pack, src).replace(/\.ts$/, ".js"));
        if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(src).mtimeMs) {
            throw new Error(
                `policypack/bin is older than ${path.relative(ROOT, src)}; run \`npm run build\` first: the example violations come from the built pack.`,
            );
        }
    }
}

/**
 * Runs the offline engine once on the example stack (the program under mocks, every rule at its
 * default level) and keeps, per rule, its first violation in report order (resource order, then
 * message), so the choice is stable from run to run.
 */
export async function exampleViolations(): Promise<Examples> {
    assertPackBuilt();
    // Loaded here so that reading rule metadata (the conformance spec) does not load the engine.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { check } = require("../cli/check") as typeof import("../cli/check");
    const { report } = await check({ stack: EXAMPLE_STACK, program: ROOT });
    const out: Examples = new Map();
    for (const v of report.violations) {
        if (!out.has(v.policy)) {
            out.set(v.policy, { type: v.type, name: v.name, message: v.message });
        }
    }
    return out;
}

/**
 * Text for a markdown paragraph: code spans stay as written; outside them, characters markdown
 * would read as emphasis, links or HTML (`Principal: "*"`, `<none>`) are escaped.
 */
function prose(text: string): string {
    return text
        .split(/(`[^`\n]*`)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_<[\]])/g, "\\$1")))
        .join("");
}

const ARTICLE: Record<GdprTag, { number: string; title: string; summary: string }> = {
    "gdpr-art-25": {
        number: "25",
        title: "Data protection by design and by default",
        summary:
            'Only the access a processing step needs, granted by default and for no longer than needed: no standing credentials, no secrets in code or state, no wildcard grants. Article 25(2): by default, personal data is "not made accessible without the individual\'s intervention to an indefinite number of natural persons" — the `exposure` family: no data store, bucket, port, Service or API endpoint open to the whole internet.',
    },
    "gdpr-art-30": {
        number: "30",
        title: "Records of processing activities",
        summary:
            "A record of processing names who is responsible for the data and what category it is, and the processing leaves an audit trail.",
    },
    "gdpr-art-32": {
        number: "32",
        title: "Security of processing",
        summary:
            "Personal data is encrypted in transit and at rest (Art. 32(1)(a)), access stays confidential (32(1)(b)), and processing can recover from failure (32(1)(b), (c)).",
    },
};

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function articlesOf(p: Policy): GdprTag[] {
    return GDPR_TAGS.filter((t) => p.tags?.includes(t));
}

function articleLabel(p: Policy): string {
    return articlesOf(p)
        .map((t) => `Art. ${ARTICLE[t].number}`)
        .join(", ");
}

function schemaType(s: Record<string, any>): string {
    if (Array.isArray(s.enum)) {
        return s.enum.map((v: unknown) => JSON.stringify(v)).join(" \\| ");
    }
    if (s.type === "array" && s.items?.type) {
        return `${s.items.type}[]`;
    }
    if (
        s.type === "object" &&
        s.additionalProperties &&
        typeof s.additionalProperties === "object" &&
        s.additionalProperties.type
    ) {
        return `map of ${s.additionalProperties.type}`;
    }
    return String(s.type ?? "any");
}

function configTable(properties: PolicyConfigSchema["properties"]): string[] {
    const lines = ["| Property | Type | Default | Description |", "| --- | --- | --- | --- |"];
    for (const [name, schema] of Object.entries(properties)) {
        const s = schema as Record<string, any>;
        lines.push(
            `| \`${name}\` | ${cell(schemaType(s))} | \`${cell(JSON.stringify(s.default))}\` | ${cell(String(s.description ?? ""))} |`,
        );
    }
    return lines;
}

const HEADER =
    "<!-- Generated by scripts/gen-docs.ts from the rules' metadata: do not edit by hand; run `npm run docs`. -->";

/** docs/policies.md */
export function renderPolicies(rules: RuleEntry[], examples: Examples): string {
    const out: string[] = [HEADER, "", "# gdpr-guard policies", ""];
    const mandatory = rules.filter((r) => r.policy.enforcementLevel === "mandatory").length;
    out.push(
        `The pack has ${rules.length} rules (${mandatory} mandatory and ${rules.length - mandatory} advisory by default). Each entry gives the rule's default enforcement level, which the policy config can override (\`all\`, then per rule: see [rollout.md](rollout.md)), and its configuration. Every rule also takes the [shared configuration](#shared-configuration). The example violation of a rule is the first message it reports on the [\`${EXAMPLE_STACK}\`](../stacks/${EXAMPLE_STACK}/) example stack (\`gdpr-guard check --stack ${EXAMPLE_STACK}\`); a rule that stack does not break points to its spec, which asserts its exact messages.`,
        "",
        "| Rule | Family | GDPR | Default level | Severity |",
        "| --- | --- | --- | --- | --- |",
    );
    for (const { policy: p } of rules) {
        out.push(
            `| [${p.name}](#${p.name}) | ${p.tags?.[0] ?? ""} | ${articleLabel(p)} | ${p.enforcementLevel ?? ""} | ${p.severity ?? ""} |`,
        );
    }
    out.push("", "## Shared configuration", "");
    out.push(
        "Every rule accepts these properties besides its own. They belong to the platform team's policy config (`--policy-pack-config` or `pulumi policy enable --config`); resource tags, labels and annotations never exempt anything. See [rollout.md](rollout.md#exemptions).",
        "",
    );
    const [sample] = withExemptions([
        { name: "example-rule", description: "", validateResource: () => undefined },
    ]);
    out.push(...configTable(sample.configSchema!.properties));
    const items = (sample.configSchema!.properties.exemptions as any).items;
    out.push(
        "",
        "Each exemption:",
        "",
        "| Field | Required | Description |",
        "| --- | --- | --- |",
    );
    for (const [field, s] of Object.entries(items.properties as Record<string, any>)) {
        out.push(
            `| \`${field}\` | ${items.required.includes(field) ? "yes" : "no"} | ${cell(String(s.description))} |`,
        );
    }
    for (const family of FAMILIES) {
        const inFamily = rules.filter((r) => r.policy.tags?.[0] === family);
        if (inFamily.length === 0) {
            continue;
        }
        out.push("", `## ${family}`);
        for (const { policy: p, file, rationale } of inFamily) {
            out.push("", `### ${p.name}`, "", p.description, "");
            if (rationale) {
                out.push(
                    ...rationale
                        .split("\n\n")
                        .map((para, i) => `${i === 0 ? "**Rationale:** " : ""}${prose(para)}`)
                        .flatMap((para) => [para, ""]),
                );
            }
            out.push("| | |", "| --- | --- |");
            out.push(`| Family | ${p.tags?.[0] ?? ""} |`);
            out.push(`| GDPR | ${articleLabel(p)} |`);
            out.push(`| Default enforcement | ${p.enforcementLevel ?? ""} |`);
            out.push(`| Severity | ${p.severity ?? ""} |`);
            out.push(
                `| Scope | ${"validateStack" in p ? "stack (all resources together)" : "each resource"} |`,
            );
            out.push(
                `| Remediation | ${"remediateResource" in p && p.remediateResource ? "yes: runs at enforcement level `remediate`" : "no"} |`,
            );
            if (file) {
                out.push(`| Source | [${file}](../${file}) |`);
            }
            const example = examples.get(p.name);
            if (example) {
                const on = example.type ? ` on \`${example.type}\` "${prose(example.name)}"` : "";
                out.push(
                    "",
                    `**Example violation**${on} in \`${EXAMPLE_STACK}\`:`,
                    "",
                    `> ${prose(example.message).replace(/\r?\n/g, "\n> ")}`,
                );
            } else if (file) {
                const spec = specFileOf(file);
                out.push(
                    "",
                    `**Example violation:** \`${EXAMPLE_STACK}\` does not break this rule; see its spec, [${spec}](../${spec}), for the exact messages.`,
                );
            }
            if (p.remediationSteps) {
                out.push("", `**Fix:** ${p.remediationSteps}`);
            }
            const props = p.configSchema?.properties ?? {};
            if (Object.keys(props).length > 0) {
                out.push("", "**Configuration:**", "", ...configTable(props));
            }
        }
    }
    return out.join("\n") + "\n";
}

/** One control area of the side-by-side comparison. */
interface Topic {
    area: string;
    gdprGuard: string[];
    prowler: string[];
    steampipe: string[];
    /** Why gdpr-guard does (not) cover it, when that needs saying. */
    note?: string;
}

const NI = "†";

/**
 * The comparison with Prowler and Steampipe, kept as data in scripts/docs/comparison.yaml (its
 * header says where each tool's checks come from). A check marked `not implemented` there is
 * shown with a dagger.
 */
function loadTopics(): Record<GdprTag, Topic[]> {
    const file = path.join(__dirname, "docs", "comparison.yaml");
    const raw = YAML.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown[]>;
    const checks = (xs: unknown, where: string): string[] =>
        (Array.isArray(xs) ? xs : []).map((x) => {
            if (typeof x === "string") {
                return x;
            }
            const [name, mark] = Object.entries(x as Record<string, unknown>)[0] ?? [];
            if (typeof name !== "string" || mark !== "not implemented") {
                throw new Error(
                    `${file}: ${where}: write a check as a name or \`name: not implemented\``,
                );
            }
            return `${name}${NI}`;
        });
    const out = {} as Record<GdprTag, Topic[]>;
    for (const [article, topics] of Object.entries(raw)) {
        out[article as GdprTag] = topics.map((t) => {
            const o = t as Record<string, unknown>;
            const where = `${article} "${String(o.area)}"`;
            return {
                area: String(o.area),
                gdprGuard: checks(o.gdprGuard, where),
                prowler: checks(o.prowler, where),
                steampipe: checks(o.steampipe, where),
                ...(typeof o.note === "string" ? { note: o.note } : {}),
            };
        });
    }
    return out;
}
const TOPICS = loadTopics();

function codeList(items: string[]): string {
    return items.length === 0
        ? "—"
        : items.map((i) => `\`${i.replace(NI, "")}\`${i.endsWith(NI) ? NI : ""}`).join("<br>");
}

/** docs/gdpr-mapping.md */
export function renderMapping(rules: RuleEntry[]): string {
    const byName = new Map(rules.map((r) => [r.policy.name, r.policy]));
    const out: string[] = [HEADER, "", "# GDPR articles and the rules that implement them", ""];
    out.push(
        "For each article: what gdpr-guard checks (from the rules' `gdpr-art-*` tags), then the same control areas side by side with the AWS GDPR mappings of [Prowler](https://github.com/prowler-cloud/prowler/blob/master/prowler/compliance/aws/gdpr_aws.json) and [Steampipe's AWS Compliance mod](https://github.com/turbot/steampipe-mod-aws-compliance/tree/main/gdpr). gdpr-guard checks a stack's program (or its exported state) before deployment and is scoped to data-sync jobs; Prowler and Steampipe audit a deployed AWS account. They complement each other: the rows marked — show where.",
        "",
        `${NI} Listed by Prowler's mapping but marked "NOT IMPLEMENTED" there.`,
        "",
        "| Article | gdpr-guard rules | mandatory by default |",
        "| --- | --- | --- |",
    );
    for (const tag of GDPR_TAGS) {
        const tagged = rules.filter((r) => r.policy.tags?.includes(tag));
        out.push(
            `| [Art. ${ARTICLE[tag].number} ${ARTICLE[tag].title}](#article-${ARTICLE[tag].number}) | ${tagged.length} | ${tagged.filter((r) => r.policy.enforcementLevel === "mandatory").length} |`,
        );
    }
    for (const tag of GDPR_TAGS) {
        const a = ARTICLE[tag];
        const tagged = rules.filter((r) => r.policy.tags?.includes(tag));
        out.push(
            "",
            `<a id="article-${a.number}"></a>`,
            "",
            `## Article ${a.number}: ${a.title}`,
            "",
            a.summary,
            "",
        );
        out.push(`### gdpr-guard rules for Article ${a.number} (${tagged.length})`, "");
        for (const family of FAMILIES) {
            const inFamily = tagged.filter((r) => r.policy.tags?.[0] === family);
            if (inFamily.length > 0) {
                out.push(
                    `- **${family}**: ${inFamily.map((r) => `[${r.policy.name}](policies.md#${r.policy.name})`).join(", ")}`,
                );
            }
        }
        out.push(
            "",
            "### Side by side with Prowler and Steampipe",
            "",
            "| Control area | gdpr-guard | Prowler | Steampipe | Notes |",
            "| --- | --- | --- | --- | --- |",
        );
        const mapped = new Set<string>();
        for (const t of TOPICS[tag]) {
            const ours = t.gdprGuard.map((name) => {
                const p = byName.get(name);
                if (!p) {
                    throw new Error(
                        `scripts/gen-docs.ts maps "${t.area}" to rule "${name}", which the pack does not have; update TOPICS.`,
                    );
                }
                mapped.add(name);
                const elsewhere = p.tags?.includes(tag) ? "" : ` (${articleLabel(p)})`;
                return `[${name}](policies.md#${name})${elsewhere}`;
            });
            out.push(
                `| ${t.area} | ${ours.length ? ours.join("<br>") : "—"} | ${codeList(t.prowler)} | ${codeList(t.steampipe)} | ${cell(t.note ?? "")} |`,
            );
        }
        const only = tagged.filter((r) => !mapped.has(r.policy.name));
        if (only.length > 0) {
            out.push(
                "",
                `### Only gdpr-guard (${only.length})`,
                "",
                "Controls of the sync path that neither mapping has: mesh mTLS, secrets in code and state, short-lived Vault credentials, Kubernetes RBAC and service accounts, workload identity, provider settings.",
                "",
            );
            for (const r of only) {
                out.push(
                    `- [${r.policy.name}](policies.md#${r.policy.name}): ${r.policy.description}`,
                );
            }
        }
    }
    return out.join("\n") + "\n";
}

/** The generated files (in `GENERATED` order) and their contents, given the example violations. */
export function generate(examples: Examples): { file: string; content: string }[] {
    const rules = collectRules();
    return [
        { file: POLICIES_MD, content: renderPolicies(rules, examples) },
        { file: MAPPING_MD, content: renderMapping(rules) },
    ];
}

/** The rules the example stack does not break (their entries point to their specs). */
export function withoutExample(examples: Examples): RuleEntry[] {
    return collectRules().filter((r) => !examples.has(r.policy.name));
}

async function main(): Promise<number> {
    const checkOnly = process.argv.includes("--check");
    const examples = await exampleViolations();
    let stale = 0;
    for (const { file, content } of generate(examples)) {
        const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        if (current === content) {
            continue;
        }
        if (checkOnly) {
            process.stderr.write(`${path.relative(ROOT, file)} is stale; run \`npm run docs\`.\n`);
            stale++;
        } else {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, content);
            process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
        }
    }
    const missing = withoutExample(examples);
    if (missing.length > 0) {
        process.stdout.write(
            `${missing.length} rules have no example violation on ${EXAMPLE_STACK} (their entries link their specs):\n${missing.map((r) => `  ${r.policy.name}\n`).join("")}`,
        );
    }
    return stale > 0 ? 1 : 0;
}

if (require.main === module) {
    main().then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
