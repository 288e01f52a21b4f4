import type { StackValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import {
    nameKey,
    reportTargetsWithoutPolicy,
    type PolicyTargets,
} from "../../../../lib/resourcePolicy";

const NAME = "aws-s3-bucket-missing-secure-transport-policy";

/** The buckets and bucket policies of a stack; a bucket policy names its bucket by name (the bucket's `id`). */
export const S3_TARGETS: PolicyTargets = {
    targetTypes: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    policyType: "aws:s3/bucketPolicy:BucketPolicy",
    linkProperty: "bucket",
    linkKeys: (bucket) => [`name:${bucket}`],
    targetKeys: [(p) => nameKey(p.bucket), (p) => nameKey(p.id)],
};

/**
 * A bucket with no policy serves objects over plaintext HTTP to whoever its account lets in, and
 * `aws-s3-bucketpolicy-enforce-secure-transport` has no document to judge (Article 32(1)(a)): every
 * bucket carries a policy (inline `policy` or an `aws.s3.BucketPolicy`) — whose denial of
 * `aws:SecureTransport` `false` that rule checks. Advisory, like that rule, because the pack cannot
 * tell from a bucket alone whether it is in the sync path; make it mandatory per stack where it is.
 */
export const missingSecureTransportPolicy: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that every S3 bucket has a bucket policy to hold the denial of requests without TLS.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Attach an `aws.s3.BucketPolicy` with the statement `{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }`.',
    url: ruleUrl(NAME),
    validateStack: (args, reportViolation) => {
        reportTargetsWithoutPolicy(args.resources, S3_TARGETS, (b) =>
            reportViolation(
                `S3 bucket "${b.name}" has no bucket policy (no \`policy\` and no aws.s3.BucketPolicy in the stack), so nothing denies requests where "aws:SecureTransport" is "false" and objects can be written or read over plaintext HTTP; attach a policy that denies them for every principal and "s3:*" on the bucket and its objects.`,
                b.urn,
            ),
        );
    },
};
