import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { isTrue } from "../../../../lib/read";

const NAME = "aws-s3-publicaccessblock-enable-all-protections";

const SUBJECTS: Record<string, string> = {
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "S3 bucket public access block",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": "S3 account public access block",
};

/** The four protections, each `false` when not set (the provider's default). */
const PROTECTIONS = [
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
] as const;

/**
 * S3 Block Public Access is what keeps a mistaken ACL or bucket policy from making personal data
 * accessible to an indefinite number of people (Article 25(2)). New buckets have all four
 * protections on; a public access block resource that leaves one unset or `false` switches it off.
 */
export const enableAllProtections: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that S3 public access blocks switch on all four protections.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Set `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` to `true`; unset means `false`.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const subject = SUBJECTS[args.type];
        if (!subject) {
            return;
        }
        const off = PROTECTIONS.filter((p) => !isTrue(args.props[p]));
        if (off.length > 0) {
            reportViolation(
                `${subject} "${args.name}" switches off ${off.map((p) => `\`${p}\``).join(", ")} (false or unset), so a public ACL or bucket policy would make the personal data in the bucket public; set all four protections to \`true\`.`,
            );
        }
    },
};
