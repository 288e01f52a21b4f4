import * as assert from "node:assert/strict";
import { disallowBroadManagedPolicies } from "../../../../../../policypack/policies/least-privilege/aws/iam/disallowBroadManagedPolicies";
import { checkResource, unknown } from "../../../../harness";

const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const OWN = "arn:aws:iam::111122223333:policy/crm-sync-send";
const FIX =
    "a sync job should hold only what it needs, so attach a policy that lists only the actions and ARNs the job uses instead (LeastPrivilegeRole does).";

describe("aws-iam-attachment-disallow-broad-managed-policies", () => {
    it("accepts a role attachment of the job's own customer-managed policy", async () => {
        const out = await checkResource(disallowBroadManagedPolicies, {
            type: ATTACH,
            name: "a",
            props: { role: "sync", policyArn: OWN },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects AdministratorAccess attached to a role", async () => {
        const out = await checkResource(disallowBroadManagedPolicies, {
            type: ATTACH,
            name: "a",
            props: { role: "sync", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
        });
        assert.deepEqual(out.violations, [
            `IAM role policy attachment "a" attaches "arn:aws:iam::aws:policy/AdministratorAccess", which grants (nearly) every action in the account; ${FIX}`,
        ]);
    });

    it("rejects IAMFullAccess on a user, and any *FullAccess on a group or through PolicyAttachment", async () => {
        const user = await checkResource(disallowBroadManagedPolicies, {
            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            name: "u",
            props: { policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" },
        });
        assert.deepEqual(user.violations, [
            `IAM user policy attachment "u" attaches "arn:aws:iam::aws:policy/IAMFullAccess", which grants full control of IAM; ${FIX}`,
        ]);
        const group = await checkResource(disallowBroadManagedPolicies, {
            type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            name: "g",
            props: { policyArn: "arn:aws-eu-gov:iam::aws:policy/AmazonSQSFullAccess" },
        });
        assert.match(
            group.violations[0] ?? "",
            /^IAM group policy attachment "g" attaches "arn:aws-eu-gov:iam::aws:policy\/AmazonSQSFullAccess", which grants every action of its service on every resource;/,
        );
        const any = await checkResource(disallowBroadManagedPolicies, {
            type: "aws:iam/policyAttachment:PolicyAttachment",
            name: "p",
            props: {
                roles: ["sync"],
                policyArn: "arn:aws:iam::aws:policy/job-function/PowerUserAccess",
            },
        });
        assert.equal(any.violations.length, 1);
    });

    it("accepts a narrow AWS-managed policy and a customer policy named like a broad one", async () => {
        for (const policyArn of [
            "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess",
            "arn:aws:iam::111122223333:policy/AdministratorAccess",
        ]) {
            const out = await checkResource(disallowBroadManagedPolicies, {
                type: ATTACH,
                name: "a",
                props: { policyArn },
            });
            assert.deepEqual(out.violations, [], policyArn);
        }
    });

    it("rejects a broad policy in a role's managedPolicyArns, naming its position", async () => {
        const out = await checkResource(disallowBroadManagedPolicies, {
            type: "aws:iam/role:Role",
            name: "sync",
            props: { managedPolicyArns: [OWN, "arn:aws:iam::aws:policy/AmazonS3FullAccess"] },
        });
        assert.deepEqual(out.violations, [
            `IAM role "sync" managedPolicyArns[1] is "arn:aws:iam::aws:policy/AmazonS3FullAccess", which grants every action of its service on every resource; ${FIX}`,
        ]);
    });

    it("accepts a policy listed in allowedPolicyNames", async () => {
        const out = await checkResource(
            disallowBroadManagedPolicies,
            {
                type: ATTACH,
                name: "a",
                props: { policyArn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" },
            },
            { allowedPolicyNames: ["AmazonSQSFullAccess"] },
        );
        assert.deepEqual(out.violations, []);
    });

    it("does not throw on wrongly typed fields", async () => {
        const a = await checkResource(
            disallowBroadManagedPolicies,
            { type: ATTACH, props: { policyArn: 7 } },
            { allowedPolicyNames: "x" },
        );
        const b = await checkResource(disallowBroadManagedPolicies, {
            type: "aws:iam/role:Role",
            props: { managedPolicyArns: "arn:aws:iam::aws:policy/AdministratorAccess" },
        });
        assert.deepEqual([...a.violations, ...b.violations], []);
    });

    it("leaves an ARN that is unknown during preview to the framework", async () => {
        const out = await checkResource(disallowBroadManagedPolicies, {
            type: ATTACH,
            props: { policyArn: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    describe("IAM Identity Center permission sets", () => {
        const SSO = "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment";
        const attach = (managedPolicyArn: unknown) => ({
            type: SSO,
            name: "operators-admin",
            props: {
                instanceArn: "arn:aws:sso:::instance/ssoins-1",
                permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1",
                managedPolicyArn,
            },
        });

        it("rejects AdministratorAccess and PowerUserAccess attached to a permission set", async () => {
            for (const name of ["AdministratorAccess", "PowerUserAccess"]) {
                const arn = `arn:aws:iam::aws:policy/${name}`;
                const out = await checkResource(disallowBroadManagedPolicies, attach(arn));
                assert.deepEqual(out.violations, [
                    `IAM Identity Center managed policy attachment "operators-admin" attaches "${arn}", which grants (nearly) every action in the account; a sync job should hold only what it needs, so attach a policy that lists only the actions and ARNs the job uses instead (LeastPrivilegeRole does).`,
                ]);
            }
        });

        it("accepts a narrow AWS-managed policy, and leaves customer-managed policy attachments alone", async () => {
            const ro = await checkResource(
                disallowBroadManagedPolicies,
                attach("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
            );
            assert.deepEqual(ro.violations, []);
            const customer = await checkResource(disallowBroadManagedPolicies, {
                type: "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment",
                props: { customerManagedPolicyReference: { name: "AdministratorAccess" } },
            });
            assert.deepEqual(customer.violations, []);
        });

        it("reads a wrongly typed ARN without throwing and leaves an unknown one to the framework", async () => {
            assert.deepEqual(
                (await checkResource(disallowBroadManagedPolicies, attach(7))).violations,
                [],
            );
            const out = await checkResource(disallowBroadManagedPolicies, attach(unknown.string));
            assert.deepEqual(out.violations, []);
            assert.match(out.unknownDuringPreview ?? "", /managedPolicyArn/);
        });
    });
});
