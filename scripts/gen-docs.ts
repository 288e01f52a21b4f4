// Generates docs/policies.md (the rule reference) and docs/gdpr-mapping.md (GDPR articles → rules,
// side by side with Prowler's and Steampipe's GDPR mappings) from the rules' own metadata.
//
//     npm run docs            write both files
//     npm run docs -- --check exit 1 when either file is stale (test/policypack/docs.spec.ts does the same)
//
// Rules are found by walking policypack/policies/ (one rule per file), so the reference can say
// where each rule lives; the pack's own list (`allPolicies`) decides what is documented. Each
// rule's rationale is the TSDoc comment on its exported const, read with the TypeScript compiler
// API. Its example violation is the first message it reports on the `legacy-sync` example stack,
// from one run of the offline engine (the built pack, as `gdpr-guard check` runs it).
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import type { Policy, PolicyConfigSchema } from "@pulumi/policy";
import { withExemptions } from "../policypack/lib/exemptions";
import { FAMILIES, GDPR_TAGS, type GdprTag } from "../policypack/lib/meta";
import { allPolicies } from "../policypack/policies";

export const ROOT = path.resolve(__dirname, "..");
const POLICIES_DIR = path.join(ROOT, "policypack", "policies");
export const POLICIES_MD = path.join(ROOT, "docs", "policies.md");
export const MAPPING_MD = path.join(ROOT, "docs", "gdpr-mapping.md");
/** The generated files, in the order `generate` returns them. */
export const GENERATED = [POLICIES_MD, MAPPING_MD];
/** The example stack whose violations illustrate the rules. */
export const EXAMPLE_STACK = "legacy-sync";

/** One rule and where it is defined. */
export interface RuleEntry {
    policy: Policy;
    /** Repository-relative path of the rule's file, with `/` separators. */
    file: string;
    /** The name it is exported under. */
    exportName: string;
    /** Why the rule exists: the TSDoc comment on its exported const, "" when it has none. */
    rationale: string;
}

function walk(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => {
            const p = path.join(dir, e.name);
            return e.isDirectory()
                ? walk(p)
                : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")
                  ? [p]
                  : [];
        });
}

function isPolicy(v: unknown): v is Policy {
    return (
        v !== null &&
        typeof v === "object" &&
        typeof (v as Policy).name === "string" &&
        ("validateResource" in (v as object) ||
            "validateStack" in (v as object) ||
            "remediateResource" in (v as object))
    );
}

/** The text of a TSDoc comment (or tag comment): `{@link X}` becomes `X` in code. */
function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
    if (comment === undefined || typeof comment === "string") {
        return comment ?? "";
    }
    return comment
        .map((part) => {
            if (ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)) {
                const target = part.name ? part.name.getText() : "";
                return `\`${part.text.trim() || target}\``;
            }
            return part.text;
        })
        .join("");
}

/**
 * The TSDoc comment on `export const <exportName>` in `file`, as markdown paragraphs (lines of a
 * paragraph joined). An `@` inside the prose (a package name) parses as a block tag; it is put
 * back as written.
 */
export function rationaleOf(file: string, exportName: string): string {
    const source = fs.readFileSync(file, "utf8");
    const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
    for (const statement of sf.statements) {
        if (
            !ts.isVariableStatement(statement) ||
            !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
        ) {
            continue;
        }
        const decl = statement.declarationList.declarations.find(
            (d) => ts.isIdentifier(d.name) && d.name.text === exportName,
        );
        if (!decl) {
            continue;
        }
        // The doc comment is the last JSDoc block before the declaration, as in the editor.
        const doc = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc).pop();
        if (!doc) {
            return "";
        }
        const tags = (doc.tags ?? []).map((tag) => {
            const rest = commentText(tag.comment);
            const gap = /\s/.test(source.charAt(tag.tagName.end)) ? " " : "";
            return `@${tag.tagName.text}${rest ? gap + rest : ""}`;
        });
        return [commentText(doc.comment), ...tags]
            .join(" ")
            .split(/\n\s*\n/)
            .map((para) => para.replace(/\s+/g, " ").trim())
            .filter((para) => para !== "")
            .join("\n\n");
    }
    return "";
}

/** Every rule exported by a rule file under policypack/policies (barrels excluded), in file order. */
export function ruleFiles(): RuleEntry[] {
    const out: RuleEntry[] = [];
    for (const file of walk(POLICIES_DIR)) {
        if (path.basename(file) === "index.ts") {
            continue;
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file) as Record<string, unknown>;
        for (const [exportName, value] of Object.entries(mod)) {
            if (isPolicy(value)) {
                out.push({
                    policy: value,
                    file: path.relative(ROOT, file).split(path.sep).join("/"),
                    exportName,
                    rationale: rationaleOf(file, exportName),
                });
            }
        }
    }
    return out;
}

/** The rules the pack serves, each with its file (`file` is "" when no rule file exports it). */
export function collectRules(): RuleEntry[] {
    const byPolicy = new Map(ruleFiles().map((r) => [r.policy, r]));
    const familyOrder = (p: Policy) =>
        FAMILIES.indexOf((p.tags?.[0] ?? "") as (typeof FAMILIES)[number]);
    return allPolicies
        .map((p) => byPolicy.get(p) ?? { policy: p, file: "", exportName: "", rationale: "" })
        .sort(
            (a, b) =>
                familyOrder(a.policy) - familyOrder(b.policy) ||
                a.policy.name.localeCompare(b.policy.name),
        );
}

/** The spec of a rule file, at the mirrored path under test/ (repository-relative). */
export function specFileOf(file: string): string {
    return file.replace(/^policypack\//, "test/policypack/").replace(/\.ts$/, ".spec.ts");
}

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
            "Only the access a processing step needs, granted by default and for no longer than needed: no standing credentials, no secrets in code or state, no wildcard grants, no public reach.",
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

// Prowler: prowler-cloud/prowler, prowler/compliance/aws/gdpr_aws.json (checks it lists but marks
// "NOT IMPLEMENTED" are shown with a dagger). Steampipe: turbot/steampipe-mod-aws-compliance,
// gdpr/article_25.sp, gdpr/article_30_records_of_processing_activities.sp, gdpr/article_32.sp.
const NI = "†";
const ACCOUNT_LEVEL =
    "Account-level AWS settings, outside a data-sync stack's program: check them with Prowler or Steampipe.";
const TOPICS: Record<GdprTag, Topic[]> = {
    "gdpr-art-25": [
        {
            area: "Administrator and wildcard IAM grants",
            gdprGuard: [
                "aws-iam-policy-disallow-wildcard-actions",
                "aws-iam-policy-disallow-wildcard-resources",
                "aws-iam-attachment-disallow-broad-managed-policies",
            ],
            prowler: ["iam_policy_no_administrative_privileges"],
            steampipe: ["iam_policy_no_star_star"],
        },
        {
            area: "Long-lived access keys and unused credentials",
            gdprGuard: [
                "aws-iam-accesskey-disallow-long-lived-keys",
                "pulumi-providers-aws-disallow-static-credentials",
            ],
            prowler: [
                "iam_rotate_access_key_90_days",
                "iam_disable_90_days_credentials",
                "iam_no_root_access_key",
            ],
            steampipe: [
                "iam_user_access_key_age_90",
                "iam_user_unused_credentials_90",
                "iam_root_user_no_access_keys",
            ],
            note: "gdpr-guard forbids creating the key at all (workloads get short-lived credentials); Prowler and Steampipe check the age of keys that exist.",
        },
        {
            area: "Policies attached to IAM users",
            gdprGuard: ["aws-iam-user-disallow-user-policies"],
            prowler: [`iam_user_no_inline_attached_policies${NI}`],
            steampipe: ["iam_user_no_inline_attached_policies"],
        },
        {
            area: "Console passwords, password policy and MFA",
            gdprGuard: ["aws-iam-userloginprofile-disallow-console-passwords"],
            prowler: [
                "iam_password_policy_minimum_length_14",
                "iam_password_policy_lowercase",
                "iam_password_policy_uppercase",
                "iam_password_policy_number",
                "iam_password_policy_symbol",
                "iam_password_policy_reuse_24",
                "iam_user_mfa_enabled_console_access",
            ],
            steampipe: [
                "iam_account_password_policy_min_length_14",
                "iam_account_password_policy_one_lowercase_letter",
                "iam_account_password_policy_one_uppercase_letter",
                "iam_account_password_policy_one_number",
                "iam_account_password_policy_one_symbol",
                "iam_account_password_policy_reuse_24",
                "iam_account_password_policy_strong_min_reuse_24",
                "iam_password_policy_expire_90",
                "iam_user_console_access_mfa_enabled",
            ],
            note: "A sync job has no human user: gdpr-guard forbids the console login instead of grading its password.",
        },
        {
            area: "KMS key rotation",
            gdprGuard: ["aws-kms-key-enable-key-rotation"],
            prowler: ["kms_cmk_rotation_enabled"],
            steampipe: ["kms_cmk_rotation_enabled"],
        },
        {
            area: "Root account MFA and support role",
            gdprGuard: [],
            prowler: [
                "iam_root_mfa_enabled",
                "iam_root_hardware_mfa_enabled",
                "iam_support_role_created",
            ],
            steampipe: [
                "iam_root_user_mfa_enabled",
                "iam_root_user_hardware_mfa_enabled",
                "iam_support_role",
            ],
            note: ACCOUNT_LEVEL,
        },
        {
            area: "Account audit trail, configuration recording and alarms",
            gdprGuard: ["vault-sys-audit-enable-audit-device"],
            prowler: [
                "cloudtrail_multi_region_enabled",
                "cloudtrail_cloudwatch_logging_enabled",
                "cloudtrail_kms_encryption_enabled",
                "cloudtrail_log_file_validation_enabled",
                "cloudtrail_logs_s3_bucket_is_not_publicly_accessible",
                "cloudtrail_logs_s3_bucket_access_logging_enabled",
                "config_recorder_all_regions_enabled",
                "cloudwatch_log_metric_filter_* (11 filters, 5 more†)",
                "vpc_flow_logs_enabled",
            ],
            steampipe: [
                "cloudtrail_multi_region_trail_enabled",
                "cloudtrail_trail_integrated_with_logs",
                "cloudtrail_trail_logs_encrypted_with_kms_cmk",
                "cloudtrail_trail_validation_enabled",
                "cloudtrail_bucket_not_public",
                "cloudtrail_s3_logging_enabled",
                "config_enabled_all_regions",
                "log_metric_filter_* (15 filters)",
                "vpc_flow_logs_enabled",
            ],
            note: `gdpr-guard covers the audit device of the Vault that issues the sync jobs' credentials. ${ACCOUNT_LEVEL}`,
        },
    ],
    "gdpr-art-30": [
        {
            area: "Who owns the personal data, and what category it is",
            gdprGuard: ["pulumi-stack-resource-enforce-ownership-labels"],
            prowler: [],
            steampipe: [],
            note: "Neither mapping checks ownership records; gdpr-guard requires them as tags or labels on every sync-path resource.",
        },
        {
            area: "Audit trail of processing",
            gdprGuard: ["vault-sys-audit-enable-audit-device"],
            prowler: [
                "cloudtrail_multi_region_enabled",
                "cloudtrail_s3_dataevents_read_enabled",
                "cloudtrail_s3_dataevents_write_enabled",
                "cloudtrail_cloudwatch_logging_enabled",
                "config_recorder_all_regions_enabled",
                "elbv2_logging_enabled",
                "elb_logging_enabled",
                "redshift_cluster_audit_logging",
                "vpc_flow_logs_enabled",
            ],
            steampipe: [
                "cloudtrail_enabled_all_regions",
                "cloudtrail_s3_data_events_enabled",
                "cloudtrail_security_trail_enabled",
                "cloudtrail_trail_integrated_with_logs",
                "config_enabled_all_regions",
                "elb_application_classic_lb_logging_enabled",
                "redshift_cluster_encryption_logging_enabled",
                "vpc_flow_logs_enabled",
            ],
            note: ACCOUNT_LEVEL,
        },
        {
            area: "Encrypted, rotated keys for the records",
            gdprGuard: ["aws-kms-key-enable-key-rotation"],
            prowler: ["cloudtrail_kms_encryption_enabled", "kms_cmk_rotation_enabled"],
            steampipe: ["cloudtrail_trail_logs_encrypted_with_kms_cmk", "kms_cmk_rotation_enabled"],
        },
    ],
    "gdpr-art-32": [
        {
            area: "TLS on load balancers",
            gdprGuard: [
                "aws-lb-listener-disallow-plaintext-http",
                "aws-lb-listener-enforce-tls-policy",
                "aws-lb-targetgroup-disallow-plaintext-protocol",
            ],
            prowler: [
                "elb_ssl_listeners",
                `elb_application_lb_redirect_http_request_to_https${NI}`,
                `elb_classic_lb_use_tls_https_listeners${NI}`,
            ],
            steampipe: [
                "elb_application_lb_redirect_http_request_to_https",
                "elb_classic_lb_use_ssl_certificate",
                "elb_classic_lb_use_tls_https_listeners",
            ],
        },
        {
            area: "HTTPS on CloudFront",
            gdprGuard: ["aws-cloudfront-distribution-enforce-https"],
            prowler: ["cloudfront_distributions_https_enabled"],
            steampipe: ["cloudfront_distribution_encryption_in_transit_enabled"],
        },
        {
            area: "TLS-only bucket, queue and topic policies",
            gdprGuard: [
                "aws-s3-bucketpolicy-enforce-secure-transport",
                "aws-sqs-queuepolicy-enforce-secure-transport",
                "aws-sns-topicpolicy-enforce-secure-transport",
            ],
            prowler: ["s3_bucket_secure_transport_policy"],
            steampipe: ["s3_bucket_enforces_ssl"],
        },
        {
            area: "TLS to databases and caches",
            gdprGuard: [
                "aws-rds-parametergroup-enforce-ssl-connections",
                "aws-redshift-parametergroup-enforce-ssl-connections",
                "aws-elasticache-replicationgroup-enable-transit-encryption",
            ],
            prowler: [`redshift_cluster_encryption_in_transit_enabled${NI}`],
            steampipe: ["redshift_cluster_encryption_in_transit_enabled"],
        },
        {
            area: "OpenSearch HTTPS and node-to-node encryption",
            gdprGuard: ["aws-opensearch-domain-enforce-https"],
            prowler: ["opensearch_service_domains_node_to_node_encryption_enabled"],
            steampipe: ["es_domain_node_to_node_encryption_enabled"],
        },
        {
            area: "Encryption at rest: SNS topics",
            gdprGuard: ["aws-sns-topic-enable-kms-encryption"],
            prowler: ["sns_topics_kms_encryption_at_rest_enabled"],
            steampipe: ["sns_topic_encrypted_at_rest"],
        },
        {
            area: "Encryption at rest: S3 buckets",
            gdprGuard: ["aws-s3-bucket-enable-kms-encryption"],
            prowler: ["s3_bucket_default_encryption"],
            steampipe: [
                "s3_bucket_default_encryption_enabled",
                "s3_bucket_default_encryption_enabled_kms",
            ],
        },
        {
            area: "Encryption at rest: queues, streams and event buses",
            gdprGuard: [
                "aws-sqs-queue-enable-kms-encryption",
                "aws-sqs-queue-enforce-customer-managed-key",
                "aws-kinesis-stream-enable-kms-encryption",
                "aws-kinesis-firehosedeliverystream-enable-server-side-encryption",
                "aws-msk-cluster-enable-kms-encryption",
                "aws-mq-broker-enable-kms-encryption",
                "aws-cloudwatch-eventbus-enable-kms-encryption",
            ],
            prowler: [],
            steampipe: [],
            note: "Where personal data waits between systems; neither mapping looks at it.",
        },
        {
            area: "Encryption at rest: databases, volumes, file systems, logs, ML",
            gdprGuard: [],
            prowler: [
                "rds_instance_storage_encrypted",
                "dynamodb_tables_kms_cmk_encryption_enabled",
                "dynamodb_accelerator_cluster_encryption_enabled",
                "ec2_ebs_volume_encryption",
                "efs_encryption_at_rest_enabled",
                "opensearch_service_domains_encryption_at_rest_enabled",
                "cloudwatch_log_group_kms_encryption_enabled",
                "sagemaker_notebook_instance_encryption_enabled",
                `sagemaker_endpoint_configuration_encryption_at_rest_enabled${NI}`,
                `apigateway_stage_cache_encryption_at_rest_enabled${NI}`,
            ],
            steampipe: [
                "rds_db_instance_encryption_at_rest_enabled",
                "rds_db_snapshot_encrypted_at_rest",
                "dynamodb_table_encrypted_with_kms",
                "dynamodb_table_encryption_enabled",
                "dax_cluster_encryption_at_rest_enabled",
                "ebs_attached_volume_encryption_enabled",
                "ebs_volume_encryption_at_rest_enabled",
                "efs_file_system_encrypt_data_at_rest",
                "es_domain_encryption_at_rest_enabled",
                "log_group_encryption_at_rest_enabled",
                "sagemaker_notebook_instance_encryption_at_rest_enabled",
                "sagemaker_endpoint_configuration_encryption_at_rest_enabled",
                "apigateway_stage_cache_encryption_at_rest_enabled",
            ],
            note: "The systems of record a sync job reads and writes are not part of its stack; check them where they are defined.",
        },
        {
            area: "Key management",
            gdprGuard: [
                "aws-kms-key-enable-key-rotation",
                "aws-kms-key-configure-deletion-window",
                "aws-kms-key-disallow-external-full-access",
            ],
            prowler: [],
            steampipe: [],
            note: "Both mappings list key rotation under Articles 25 and 30.",
        },
        {
            area: "Backups and recovery from failure",
            gdprGuard: [
                "aws-sqs-queue-configure-dead-letter-queue",
                "kubernetes-batch-cronjob-enforce-forbid-concurrency",
                "kubernetes-batch-job-configure-backoff-limit",
                "kubernetes-batch-job-configure-deadline",
            ],
            prowler: ["rds_instance_backup_enabled", "redshift_cluster_automated_snapshot"],
            steampipe: [
                "rds_db_instance_in_backup_plan",
                "redshift_cluster_automatic_snapshots_min_7_days",
            ],
            note: "gdpr-guard checks that a failed sync loses nothing and never runs twice at once; Prowler and Steampipe check the stores' backups.",
        },
        {
            area: "Logging and log integrity",
            gdprGuard: ["vault-sys-audit-enable-audit-device"],
            prowler: [
                "cloudtrail_kms_encryption_enabled",
                "cloudtrail_log_file_validation_enabled",
                "rds_instance_integration_cloudwatch_logs",
                "redshift_cluster_audit_logging",
                `wafv2_web_acl_logging_enabled${NI}`,
            ],
            steampipe: [
                "cloudtrail_trail_logs_encrypted_with_kms_cmk",
                "cloudtrail_trail_validation_enabled",
                "rds_db_instance_logging_enabled",
                "redshift_cluster_encryption_logging_enabled",
                "wafv2_web_acl_logging_enabled",
            ],
        },
        {
            area: "Certificate expiry and HTTP header hygiene",
            gdprGuard: [],
            prowler: [
                "acm_certificates_expiration_check",
                `elb_application_lb_drop_http_headers${NI}`,
            ],
            steampipe: ["acm_certificate_expires_30_days", "elb_application_lb_drop_http_headers"],
            note: "Runtime state of deployed resources, not something a program declares.",
        },
    ],
};

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
