import * as assert from "node:assert/strict";
import { enforceIrsaConditions } from "../../../../../../policypack/policies/least-privilege/aws/iam/enforceIrsaConditions";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:iam/role:Role";
const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;
const irsa = (conditions: object) => ({
    type: TYPE,
    name: "sync",
    props: {
        // getPolicyDocument output: single-element lists collapse to strings.
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "",
                    Effect: "Allow",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Principal: { Federated: PROVIDER },
                    Condition: conditions,
                },
            ],
        }),
    },
});
const pinned = {
    StringEquals: {
        [`${ISSUER}:sub`]: "system:serviceaccount:crm-sync:crm-erp-sync",
        [`${ISSUER}:aud`]: "sts.amazonaws.com",
    },
};
const FIX = `pin it with StringEquals "${ISSUER}:sub" = "system:serviceaccount:<namespace>:<name>" and "${ISSUER}:aud" = "sts.amazonaws.com" (LeastPrivilegeRole does).`;

describe("aws-iam-role-enforce-irsa-conditions", () => {
    it("accepts a trust pinned to one service account and the STS audience", async () => {
        const out = await checkResource(enforceIrsaConditions, irsa(pinned));
        assert.deepEqual(out.violations, []);
    });

    it("rejects a trust with no subject condition", async () => {
        const out = await checkResource(
            enforceIrsaConditions,
            irsa({ StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } }),
        );
        assert.deepEqual(out.violations, [
            `IAM role "sync" assumeRolePolicy statement #0 trusts OIDC provider "${PROVIDER}" without a "${ISSUER}:sub" condition; every service account of the cluster could assume the role, so ${FIX}`,
        ]);
    });

    it("rejects a wildcard subject under StringLike", async () => {
        const out = await checkResource(
            enforceIrsaConditions,
            irsa({
                StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:crm-sync:*" },
                StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" },
            }),
        );
        assert.deepEqual(out.violations, [
            `IAM role "sync" assumeRolePolicy statement #0 pins "${ISSUER}:sub" with the wildcard "system:serviceaccount:crm-sync:*"; every matching service account could assume the role, so ${FIX}`,
        ]);
    });

    it("accepts StringLike with an exact subject and rejects a subject that is not a service account", async () => {
        const like = await checkResource(
            enforceIrsaConditions,
            irsa({
                StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:crm-sync:crm-erp-sync" },
                StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" },
            }),
        );
        assert.deepEqual(like.violations, []);
        const group = await checkResource(
            enforceIrsaConditions,
            irsa({
                StringEquals: {
                    [`${ISSUER}:sub`]: "system:serviceaccounts:crm-sync",
                    [`${ISSUER}:aud`]: "sts.amazonaws.com",
                },
            }),
        );
        assert.deepEqual(group.violations, [
            `IAM role "sync" assumeRolePolicy statement #0 pins "${ISSUER}:sub" to "system:serviceaccounts:crm-sync", which is not one service account; the subject should read "system:serviceaccount:<namespace>:<name>", so ${FIX}`,
        ]);
    });

    it("rejects a missing or wrong audience", async () => {
        const missing = await checkResource(
            enforceIrsaConditions,
            irsa({
                StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:crm-sync:crm-erp-sync" },
            }),
        );
        assert.deepEqual(missing.violations, [
            `IAM role "sync" assumeRolePolicy statement #0 trusts OIDC provider "${PROVIDER}" without a "${ISSUER}:aud" condition; tokens minted for other audiences could assume the role, so ${FIX}`,
        ]);
        const wrong = await checkResource(
            enforceIrsaConditions,
            irsa({
                StringEquals: {
                    [`${ISSUER}:sub`]: "system:serviceaccount:crm-sync:crm-erp-sync",
                    [`${ISSUER}:aud`]: ["sts.amazonaws.com", "other"],
                },
            }),
        );
        assert.deepEqual(wrong.violations, [
            `IAM role "sync" assumeRolePolicy statement #0 pins "${ISSUER}:aud" to "other"; the audience should be exactly "sts.amazonaws.com", so ${FIX}`,
        ]);
    });

    it("does not count a StringNotEquals subject as pinning", async () => {
        const out = await checkResource(
            enforceIrsaConditions,
            irsa({
                StringNotEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:kube-system:default" },
                StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" },
            }),
        );
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /without a ".+:sub" condition/);
    });

    it("does not throw on a trust policy of the wrong type, leaving it to aws-iam-role-disallow-public-trust", async () => {
        const out = await checkResource(enforceIrsaConditions, {
            type: TYPE,
            props: { assumeRolePolicy: 5 },
        });
        assert.deepEqual(out.violations, []);
    });

    it("ignores roles trusted by services or SAML providers", async () => {
        const out = await checkResource(enforceIrsaConditions, {
            type: TYPE,
            props: {
                assumeRolePolicy: {
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: "sts:AssumeRoleWithSAML",
                            Principal: {
                                Federated: "arn:aws:iam::111122223333:saml-provider/okta",
                            },
                        },
                    ],
                },
            },
        });
        assert.deepEqual(out.violations, []);
    });

    it("leaves a subject that is unknown during preview to the framework", async () => {
        const out = await checkResource(enforceIrsaConditions, {
            type: TYPE,
            props: {
                assumeRolePolicy: {
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: "sts:AssumeRoleWithWebIdentity",
                            Principal: { Federated: PROVIDER },
                            Condition: { StringEquals: { [`${ISSUER}:sub`]: unknown.string } },
                        },
                    ],
                },
            },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
