import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject } from "../../../../lib/read";

const NAME = "aws-s3-bucketacl-disallow-public-acls";

/** Types that carry a canned `acl`, and how a message names them. */
const SUBJECTS: Record<string, string> = {
    "aws:s3/bucketAclV2:BucketAclV2": "S3 bucket ACL",
    "aws:s3/bucketAcl:BucketAcl": "S3 bucket ACL",
    "aws:s3/bucket:Bucket": "S3 bucket",
    "aws:s3/bucketV2:BucketV2": "S3 bucket",
    "aws:s3/bucketObject:BucketObject": "S3 object",
    "aws:s3/bucketObjectv2:BucketObjectv2": "S3 object",
};

/** Canned ACLs that grant to everyone, or to every AWS account, and what they grant. */
const PUBLIC_CANNED: Record<string, string> = {
    "public-read": "everyone read access",
    "public-read-write": "everyone read and write access",
    "authenticated-read": "every AWS account read access",
};

/** Grantee groups that stand for an indefinite number of people. */
const PUBLIC_GROUPS: Record<string, string> = {
    "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

/** The public group a grantee URI names, or undefined (`https` and a trailing slash are accepted). */
function publicGroup(uri: unknown): string | undefined {
    if (typeof uri !== "string") {
        return undefined;
    }
    const key = uri
        .trim()
        .replace(/^https:/i, "http:")
        .replace(/\/$/, "");
    return PUBLIC_GROUPS[key];
}

/** The grants of an ACL resource (`accessControlPolicy.grants`) or of a bucket (`grants`), with where each sits. */
function grantsOf(
    props: Record<string, any>,
): { place: string; uri: unknown; permission: string }[] {
    const out: { place: string; uri: unknown; permission: string }[] = [];
    asArray(asObject(props.accessControlPolicy).grants).forEach((g, i) => {
        const grant = asObject(g);
        const permission = typeof grant.permission === "string" ? grant.permission : "(missing)";
        out.push({
            place: `accessControlPolicy.grants[${i}]`,
            uri: asObject(grant.grantee).uri,
            permission,
        });
    });
    asArray(props.grants).forEach((g, i) => {
        const grant = asObject(g);
        const perms = asArray(grant.permissions).filter((p) => typeof p === "string");
        out.push({
            place: `grants[${i}]`,
            uri: grant.uri,
            permission: perms.length > 0 ? perms.join(", ") : "(missing)",
        });
    });
    return out;
}

/**
 * Personal data in a bucket should not be made accessible to an indefinite number of people
 * (Article 25(2)): no canned ACL `public-read`, `public-read-write` or `authenticated-read` (every
 * AWS account in the world), and no grant to the `AllUsers` or `AuthenticatedUsers` groups, on a
 * bucket, a bucket ACL resource or an object.
 */
export const disallowPublicAcls: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Checks that S3 buckets, bucket ACLs and objects grant nothing to everyone or to every AWS account.",
    enforcementLevel: "mandatory",
    severity: "critical",
    tags: tags("exposure", "gdpr-art-25", "gdpr-art-32"),
    remediationSteps:
        "Use the canned ACL `private` (or none: buckets enforce `BucketOwnerEnforced` object ownership by default), remove grants to the AllUsers and AuthenticatedUsers groups, and share objects through a bucket policy that names the principals or through pre-signed URLs.",
    url: ruleUrl(NAME),
    validateResource: (args, reportViolation) => {
        const subject = SUBJECTS[args.type];
        if (!subject) {
            return;
        }
        const label = `${subject} "${args.name}"`;
        const acl: unknown = args.props.acl;
        const canned =
            typeof acl === "string" ? PUBLIC_CANNED[acl.trim().toLowerCase()] : undefined;
        if (canned) {
            reportViolation(
                `${label} sets acl "${acl}", which grants ${canned} to the personal data it holds; use the canned ACL "private" and share through a bucket policy that names the principals.`,
            );
        }
        for (const g of grantsOf(args.props)) {
            const group = publicGroup(g.uri);
            if (group) {
                reportViolation(
                    `${label} ${g.place} grants ${g.permission} to the ${group} group, which is ${group === "AllUsers" ? "everyone on the internet" : "every AWS account in the world"}; remove the grant and name the principals in a bucket policy instead.`,
                );
            }
        }
    },
};
