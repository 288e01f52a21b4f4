import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";

const NAME = "aws-glue-job-enable-security-configuration";
const SECURITY_CONFIGURATION = "aws:glue/securityConfiguration:SecurityConfiguration";
/** What runs Glue code over the data, and names the security configuration it runs under. */
const RUNNERS: Record<string, string> = {
    "aws:glue/job:Job": "Glue job",
    "aws:glue/crawler:Crawler": "Glue crawler",
    "aws:glue/devEndpoint:DevEndpoint": "Glue development endpoint",
};
/** Each target a security configuration encrypts: where, the mode it needs, the key property. */
const TARGETS = [
    {
        at: "s3Encryption",
        mode: "s3EncryptionMode",
        want: "SSE-KMS",
        what: "the data it writes to S3",
    },
    {
        at: "cloudwatchEncryption",
        mode: "cloudwatchEncryptionMode",
        want: "SSE-KMS",
        what: "its logs (where failing records end up)",
    },
    {
        at: "jobBookmarksEncryption",
        mode: "jobBookmarksEncryptionMode",
        want: "CSE-KMS",
        what: "its job bookmarks",
    },
] as const;

/**
 * A Glue ETL job is a sync job: it reads personal data from one store and writes it to another,
 * with its logs and bookmarks on the side (Article 32(1)(a)). Only a security configuration makes
 * Glue encrypt what it writes under a KMS key the organisation controls; without one, S3 output is
 * under the bucket's default key and logs under CloudWatch's own. Found on a real program
 * (pulumi/examples aws-ts-redshift-glue-etl) that no rule looked at. Advisory, like the
 * customer-managed-key rule: the service keys do encrypt.
 */
export const enableSecurityConfiguration: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that Glue jobs, crawlers and development endpoints run under a security configuration that encrypts their S3 output, logs and bookmarks with KMS.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        'Create an `aws.glue.SecurityConfiguration` whose `encryptionConfiguration` sets `s3Encryption` to "SSE-KMS", `cloudwatchEncryption` to "SSE-KMS" and `jobBookmarksEncryption` to "CSE-KMS", each with `kmsKeyArn` set to a customer-managed KMS key, and name it in the job\'s `securityConfiguration`.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const runner = RUNNERS[args.type];
        if (runner !== undefined) {
            const named = args.props.securityConfiguration;
            if (typeof named !== "string" || named.trim() === "") {
                reportViolation(
                    `${runner} "${args.name}" names no \`securityConfiguration\`, so the personal data it writes to S3, its logs and its bookmarks are not encrypted under a key this organisation controls; name an \`aws.glue.SecurityConfiguration\` that encrypts all three with KMS.`,
                );
            }
            return;
        }
        if (args.type !== SECURITY_CONFIGURATION) {
            return;
        }
        const config = args.props.encryptionConfiguration ?? {};
        for (const t of TARGETS) {
            const target = config[t.at] ?? {};
            const mode = target[t.mode];
            const where = `\`encryptionConfiguration.${t.at}\``;
            if (mode !== t.want) {
                const shown = typeof mode === "string" ? `"${mode}"` : "unset";
                reportViolation(
                    `Glue security configuration "${args.name}" does not encrypt ${t.what} with KMS (${where} mode is ${shown}); set \`${t.mode}\` to "${t.want}" with \`kmsKeyArn\` set to a customer-managed KMS key.`,
                );
            } else if (readKeyRef(target.kmsKeyArn).kind === "missing") {
                reportViolation(
                    `Glue security configuration "${args.name}" sets ${where} mode "${t.want}" but names no key in \`kmsKeyArn\`; set it to a customer-managed KMS key.`,
                );
            }
        }
    },
};
