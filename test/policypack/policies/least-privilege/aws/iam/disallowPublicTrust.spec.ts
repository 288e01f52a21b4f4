import * as assert from "node:assert/strict";
import { disallowPublicTrust } from "../../../../../../policypack/policies/least-privilege/aws/iam/disallowPublicTrust";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:iam/role:Role";
const trust = (...statements: object[]) => ({
    type: TYPE,
    name: "sync",
    props: { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
});
const service = {
    Effect: "Allow",
    Action: "sts:AssumeRole",
    Principal: { Service: "ec2.amazonaws.com" },
};
const REASON =
    "anyone with an AWS account could then act as the sync job, so name the exact principal that should assume it (LeastPrivilegeRole does).";

describe("aws-iam-role-disallow-public-trust", () => {
    it("accepts a role trusted by one service", async () => {
        const out = await checkResource(disallowPublicTrust, trust(service));
        assert.deepEqual(out.violations, []);
    });

    it('rejects Principal "*" with no condition', async () => {
        const out = await checkResource(
            disallowPublicTrust,
            trust(service, {
                Sid: "Anyone",
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: "*",
            }),
        );
        assert.deepEqual(out.violations, [
            `IAM role "sync" assumeRolePolicy statement "Anyone" lets Principal "*" assume the role with no aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn condition; ${REASON}`,
        ]);
    });

    it('rejects {"AWS": "*"} even with an unrelated condition', async () => {
        const out = await checkResource(
            disallowPublicTrust,
            trust({
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: { AWS: "*" },
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            }),
        );
        assert.deepEqual(out.violations, [
            `IAM role "sync" assumeRolePolicy statement #0 lets Principal {"AWS":["*"]} assume the role with no aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn condition; ${REASON}`,
        ]);
    });

    it('accepts Principal "*" restricted to the organisation, and rejects a wildcard org condition', async () => {
        const ok = await checkResource(
            disallowPublicTrust,
            trust({
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: "*",
                Condition: { StringEquals: { "aws:principalorgid": "o-abc123" } },
            }),
        );
        assert.deepEqual(ok.violations, []);
        const wild = await checkResource(
            disallowPublicTrust,
            trust({
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: "*",
                Condition: { StringLike: { "aws:PrincipalOrgID": "*" } },
            }),
        );
        assert.equal(wild.violations.length, 1);
    });

    it('accepts a Deny for Principal "*"', async () => {
        const out = await checkResource(
            disallowPublicTrust,
            trust(service, { Effect: "Deny", Action: "sts:AssumeRole", Principal: "*" }),
        );
        assert.deepEqual(out.violations, []);
    });

    it("reports a trust policy it cannot parse, and a missing one", async () => {
        const bad = await checkResource(disallowPublicTrust, {
            type: TYPE,
            name: "sync",
            props: { assumeRolePolicy: ["nope"] },
        });
        assert.deepEqual(bad.violations, [
            'IAM role "sync" assumeRolePolicy cannot be checked: The policy document is a list, not a JSON object; write it as a JSON policy document (aws.iam.getPolicyDocument or JSON.stringify of an object) so it can be verified.',
        ]);
        const missing = await checkResource(disallowPublicTrust, {
            type: TYPE,
            name: "sync",
            props: {},
        });
        assert.match(
            missing.violations[0] ?? "",
            /cannot be checked: The policy document is empty;/,
        );
    });

    it("leaves a trust policy that is unknown during preview to the framework", async () => {
        const out = await checkResource(disallowPublicTrust, {
            type: TYPE,
            name: "sync",
            props: { assumeRolePolicy: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
