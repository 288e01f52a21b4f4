import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { readKeyRef } from "../../../../lib/kms";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";
import { DEFAULT_OUTSIDE_SYNC_PATH_TAGS, matchesTags, readTags } from "../../../../lib/syncPath";
import {
    outsideSyncPathTagsProperty,
    requireCustomerManagedKeyProperty,
} from "../../../../lib/sharedConfig";

const NAME = "aws-s3-bucket-enable-kms-encryption";
const BUCKET_TYPES = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
const SSE_TYPES = new Set([
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
]);
const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);
const FIX =
    'configure default encryption (a BucketServerSideEncryptionConfiguration) with `sseAlgorithm` "aws:kms", a customer-managed `kmsMasterKeyId` and `bucketKeyEnabled: true`.';

/** Policy config of {@link enableKmsEncryption}. */
export interface EnableKmsEncryptionConfig {
    /** Tags (key to value) that mark a bucket as outside the sync path (not used for staging). */
    outsideSyncPathTags?: Record<string, string>;
    /** Reject the AWS-managed key alias/aws/s3; false accepts it. */
    requireCustomerManagedKey?: boolean;
}

/** The default-encryption rules of one bucket: inline, or from a separate configuration resource. */
function inlineRules(props: Record<string, any>): any[] {
    const inline = asObject(props.serverSideEncryptionConfiguration);
    const rule = inline.rule ?? inline.rules;
    return Array.isArray(rule) ? rule : rule ? [rule] : [];
}

/** What is wrong with a bucket's default encryption, or undefined when it is KMS with a customer key and bucket keys. */
function problem(rules: any[], requireCustomerManagedKey: boolean): string | undefined {
    if (rules.length === 0) {
        return "has no default encryption configuration, so staged personal data is encrypted only with S3-managed keys (SSE-S3) this organisation cannot control";
    }
    const reasons: string[] = [];
    for (const raw of rules) {
        const rule = asObject(raw);
        const byDefault = asObject(rule.applyServerSideEncryptionByDefault);
        const algorithm = byDefault.sseAlgorithm;
        if (typeof algorithm !== "string" || !KMS_ALGORITHMS.has(algorithm)) {
            const shown = typeof algorithm === "string" ? `"${algorithm}"` : "unset";
            reasons.push(
                `uses \`sseAlgorithm\` ${shown} for default encryption instead of "aws:kms", so staged personal data is not under a key this organisation controls`,
            );
            continue;
        }
        const key = readKeyRef(byDefault.kmsMasterKeyId);
        if (key.kind !== "customer" && requireCustomerManagedKey) {
            const alias = key.kind === "aws-managed" ? key.alias : "alias/aws/s3";
            reasons.push(
                `encrypts by default with the AWS-managed key "${alias}", which this organisation cannot rotate, restrict or audit`,
            );
            continue;
        }
        if (rule.bucketKeyEnabled !== true) {
            reasons.push(
                "does not set `bucketKeyEnabled: true`, so every object write calls KMS and large sync batches get throttled",
            );
            continue;
        }
        return undefined;
    }
    return reasons[0];
}

/**
 * Buckets that stage sync batches hold personal data at rest (Article 32(1)(a)): default encryption
 * with a customer-managed KMS key, with S3 bucket keys so large batches do not hit KMS limits.
 * Resolves separate encryption-configuration resources by bucket URN (property dependencies) or name.
 */
export const enableKmsEncryption: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that S3 buckets used as sync staging encrypt by default with a customer-managed KMS key and bucket keys.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        'Add an `aws.s3.BucketServerSideEncryptionConfiguration` with `sseAlgorithm: "aws:kms"`, a customer-managed `kmsMasterKeyId` and `bucketKeyEnabled: true`.',
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            outsideSyncPathTags: outsideSyncPathTagsProperty,
            requireCustomerManagedKey: requireCustomerManagedKeyProperty,
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<EnableKmsEncryptionConfig>();
        const exempt = config.outsideSyncPathTags ?? DEFAULT_OUTSIDE_SYNC_PATH_TAGS;
        const buckets: PolicyResource[] = [];
        const rulesByUrn = new Map<string, any[]>();
        const rulesByName = new Map<string, any[]>();
        for (const r of args.resources) {
            if (BUCKET_TYPES.has(r.type)) {
                buckets.push(r);
            } else if (SSE_TYPES.has(r.type)) {
                const rules = asArray(r.props.rules);
                const linked = r.propertyDependencies?.bucket ?? [];
                for (const b of linked) {
                    rulesByUrn.set(b.urn, [...(rulesByUrn.get(b.urn) ?? []), ...rules]);
                }
                if (typeof r.props.bucket === "string") {
                    rulesByName.set(r.props.bucket, [
                        ...(rulesByName.get(r.props.bucket) ?? []),
                        ...rules,
                    ]);
                }
            }
        }
        for (const b of buckets) {
            if (matchesTags(readTags(b.props.tags), exempt)) {
                continue;
            }
            const names = [b.props.bucket, b.props.id].filter(
                (n): n is string => typeof n === "string",
            );
            const separate =
                rulesByUrn.get(b.urn) ??
                names.map((n) => rulesByName.get(n)).find((x) => x !== undefined);
            const rules = separate ?? inlineRules(b.props);
            const why = problem(rules, config.requireCustomerManagedKey ?? true);
            if (why !== undefined) {
                reportViolation(`S3 bucket "${b.name}" ${why}; ${FIX}`, b.urn);
            }
        }
    },
};
