import * as assert from "node:assert/strict";
import { disallowPublicAcls } from "../../../../../../policypack/policies/exposure/aws/s3/disallowPublicAcls";
import { checkResource, unknown } from "../../../../harness";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

async function check(type: string, props: Record<string, any>) {
    return checkResource(disallowPublicAcls, { type, name: "exports", props });
}

describe("aws-s3-bucketacl-disallow-public-acls", () => {
    it("rejects each public canned ACL on a bucket ACL resource, naming the value", async () => {
        const out = await check("aws:s3/bucketAclV2:BucketAclV2", {
            bucket: "b",
            acl: "public-read",
        });
        assert.deepEqual(out.violations, [
            'S3 bucket ACL "exports" sets acl "public-read", which grants everyone read access to the personal data it holds; use the canned ACL "private" and share through a bucket policy that names the principals.',
        ]);
        for (const acl of ["public-read-write", "authenticated-read"]) {
            assert.equal(
                (await check("aws:s3/bucketAcl:BucketAcl", { bucket: "b", acl })).violations.length,
                1,
                acl,
            );
        }
    });

    it("rejects a public canned ACL on a bucket and on an object", async () => {
        assert.match(
            (await check("aws:s3/bucket:Bucket", { acl: "public-read-write" })).violations[0] ?? "",
            /^S3 bucket "exports" sets acl "public-read-write", which grants everyone read and write access/,
        );
        assert.match(
            (await check("aws:s3/bucketObjectv2:BucketObjectv2", { acl: "authenticated-read" }))
                .violations[0] ?? "",
            /^S3 object "exports" sets acl "authenticated-read", which grants every AWS account read access/,
        );
    });

    it("accepts private, bucket-owner and log-delivery ACLs, and no ACL", async () => {
        for (const acl of [
            "private",
            "bucket-owner-full-control",
            "log-delivery-write",
            undefined,
        ]) {
            assert.deepEqual(
                (await check("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", acl })).violations,
                [],
                String(acl),
            );
        }
    });

    it("rejects grants to AllUsers and AuthenticatedUsers in an access control policy", async () => {
        const out = await check("aws:s3/bucketAclV2:BucketAclV2", {
            bucket: "b",
            accessControlPolicy: {
                owner: { id: "owner" },
                grants: [
                    { grantee: { type: "CanonicalUser", id: "owner" }, permission: "FULL_CONTROL" },
                    { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" },
                    { grantee: { type: "Group", uri: `${AUTH_USERS}/` }, permission: "WRITE" },
                ],
            },
        });
        assert.deepEqual(out.violations, [
            'S3 bucket ACL "exports" accessControlPolicy.grants[1] grants READ to the AllUsers group, which is everyone on the internet; remove the grant and name the principals in a bucket policy instead.',
            'S3 bucket ACL "exports" accessControlPolicy.grants[2] grants WRITE to the AuthenticatedUsers group, which is every AWS account in the world; remove the grant and name the principals in a bucket policy instead.',
        ]);
    });

    it("rejects a bucket's inline grant to AllUsers and accepts one to the log delivery group", async () => {
        const out = await check("aws:s3/bucketV2:BucketV2", {
            grants: [
                { type: "Group", uri: ALL_USERS, permissions: ["READ", "READ_ACP"] },
                {
                    type: "Group",
                    uri: "http://acs.amazonaws.com/groups/s3/LogDelivery",
                    permissions: ["WRITE"],
                },
            ],
        });
        assert.deepEqual(out.violations, [
            'S3 bucket "exports" grants[0] grants READ, READ_ACP to the AllUsers group, which is everyone on the internet; remove the grant and name the principals in a bucket policy instead.',
        ]);
    });

    it("reads wrongly typed grants and ACLs without throwing", async () => {
        const out = await check("aws:s3/bucket:Bucket", {
            acl: 7,
            grants: "public",
            accessControlPolicy: { grants: [null, { grantee: "AllUsers" }] },
        });
        assert.deepEqual(out.violations, []);
    });

    it("leaves an ACL that is unknown during preview to the framework", async () => {
        const out = await check("aws:s3/bucketAclV2:BucketAclV2", { acl: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /acl/);
    });
});
