import * as assert from "node:assert/strict";
import { enforceAccountTrustConditions } from "../../../../../../policypack/policies/least-privilege/aws/iam/enforceAccountTrustConditions";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:iam/role:Role";
const trust = (...statements: object[]) => ({
    type: TYPE,
    name: "sync",
    props: { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
});
const roleTrust = {
    Effect: "Allow",
    Action: "sts:AssumeRole",
    Principal: { AWS: "arn:aws:iam::444455556666:role/etl-runner" },
};

describe("aws-iam-role-enforce-account-trust-conditions", () => {
    it("is advisory", () => {
        assert.equal(enforceAccountTrustConditions.enforcementLevel, "advisory");
    });

    it("accepts trust in one exact role ARN", async () => {
        const out = await checkResource(enforceAccountTrustConditions, trust(roleTrust));
        assert.deepEqual(out.violations, []);
    });

    it("flags a whole account root with no condition", async () => {
        const out = await checkResource(
            enforceAccountTrustConditions,
            trust({ ...roleTrust, Principal: { AWS: ["arn:aws:iam::444455556666:root"] } }),
        );
        assert.deepEqual(out.violations, [
            'IAM role "sync" assumeRolePolicy statement #0 trusts the whole account "arn:aws:iam::444455556666:root" with no sts:ExternalId or aws:PrincipalArn condition; every administrator of account 444455556666 could let any of its principals assume the role, so trust the exact role ARN or add one of those conditions.',
        ]);
    });

    it("flags a bare account id", async () => {
        const out = await checkResource(
            enforceAccountTrustConditions,
            trust({ ...roleTrust, Principal: { AWS: "444455556666" } }),
        );
        assert.equal(out.violations.length, 1);
    });

    it("accepts a whole account root with sts:ExternalId or aws:PrincipalArn", async () => {
        const ext = await checkResource(
            enforceAccountTrustConditions,
            trust({
                ...roleTrust,
                Principal: { AWS: "arn:aws:iam::444455556666:root" },
                Condition: { StringEquals: { "sts:ExternalId": "crm-sync-7f3a" } },
            }),
        );
        const arn = await checkResource(
            enforceAccountTrustConditions,
            trust({
                ...roleTrust,
                Principal: { AWS: "arn:aws:iam::444455556666:root" },
                Condition: {
                    ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::444455556666:role/etl-runner" },
                },
            }),
        );
        assert.deepEqual([...ext.violations, ...arn.violations], []);
    });

    it("does not throw on a Principal of the wrong type, leaving it to aws-iam-role-disallow-public-trust", async () => {
        const out = await checkResource(
            enforceAccountTrustConditions,
            trust({ ...roleTrust, Principal: 12 }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("leaves a principal that is unknown during preview to the framework", async () => {
        const out = await checkResource(enforceAccountTrustConditions, {
            type: TYPE,
            name: "sync",
            props: {
                assumeRolePolicy: {
                    Statement: [{ ...roleTrust, Principal: { AWS: unknown.string } }],
                },
            },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
