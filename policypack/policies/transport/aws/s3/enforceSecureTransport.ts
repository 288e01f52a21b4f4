import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { checkSecureTransport } from "../../../../lib/resourcePolicy";

const NAME = "aws-s3-bucketpolicy-enforce-secure-transport";

/**
 * Objects fetched over plaintext HTTP are exposed on the wire (Article 32(1)(a)): S3 bucket policies
 * deny every request where `aws:SecureTransport` is `false`. Advisory, because the pack cannot tell
 * from a bucket alone whether it is in the sync path; make it mandatory per stack where it is.
 */
export const enforceSecureTransport: ResourceValidationPolicy = {
    name: NAME,
    description: "Checks that S3 bucket policies deny requests that do not use TLS.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: tags("transport", "gdpr-art-32"),
    remediationSteps:
        'Add a statement `{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, <bucket ARN>/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }` to the bucket policy.',
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        if (
            ![
                "aws:s3/bucketPolicy:BucketPolicy",
                "aws:s3/bucket:Bucket",
                "aws:s3/bucketV2:BucketV2",
            ].includes(args.type)
        ) {
            return;
        }
        checkSecureTransport(
            args.type,
            args.name,
            args.props,
            "s3",
            'add a Deny statement with Condition Bool "aws:SecureTransport": "false"',
            reportViolation,
        );
    },
};
