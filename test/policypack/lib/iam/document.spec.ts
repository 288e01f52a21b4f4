import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import * as assert from "node:assert/strict";
import {
    expandActions,
    grantingPatterns,
    iamPatternMatches,
    isServiceWildcard,
} from "../../../../policypack/lib/iam/actions";
import {
    conditionEntries,
    conditionKeys,
    conditionValues,
    hasRestrictingCondition,
    isPublicPrincipal,
    oidcIssuer,
    parsePolicyDocument,
    principalValues,
    wholeAccountPrincipal,
    type IamStatement,
} from "../../../../policypack/lib/iam/document";
import {
    identityPolicyDocuments,
    resourcePolicyDocument,
    trustPolicyDocument,
} from "../../../../policypack/lib/iam/locate";
import {
    describeStatement,
    documentLabel,
    quoteList,
    unreadableDocumentMessage,
} from "../../../../policypack/lib/iam/wording";
import { unknown } from "../../harness";

function statements(doc: unknown): readonly IamStatement[] {
    const parsed = parsePolicyDocument(doc);
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.error);
    return parsed.statements;
}

function error(doc: unknown): string {
    const parsed = parsePolicyDocument(doc);
    assert.ok(!parsed.ok, "expected the document not to parse");
    return parsed.error;
}

describe("policypack/lib/iam", () => {
    describe("parsePolicyDocument", () => {
        it("reads a JSON string from JSON.stringify with a list of statements", () => {
            const doc = JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "Read",
                        Effect: "Allow",
                        Action: ["sqs:ReceiveMessage", "SQS:DeleteMessage"],
                        Resource: "arn:aws:sqs:eu-west-1:111122223333:q",
                    },
                    {
                        Effect: "Deny",
                        NotAction: "s3:GetObject",
                        NotResource: ["arn:aws:s3:::b/*"],
                    },
                ],
            });
            assert.deepEqual(statements(doc), [
                {
                    index: 0,
                    sid: "Read",
                    effect: "Allow",
                    actions: ["sqs:ReceiveMessage", "SQS:DeleteMessage"],
                    resources: ["arn:aws:sqs:eu-west-1:111122223333:q"],
                    conditions: {},
                },
                {
                    index: 1,
                    effect: "Deny",
                    notActions: ["s3:GetObject"],
                    notResources: ["arn:aws:s3:::b/*"],
                    conditions: {},
                },
            ]);
        });

        it("reads an object whose Statement is a single object", () => {
            const [s] = statements({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } });
            assert.deepEqual(s, {
                index: 0,
                effect: "Allow",
                actions: ["*"],
                resources: ["*"],
                conditions: {},
            });
        });

        it("reads getPolicyDocument output, where single-element lists collapse to strings", () => {
            const rendered = JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "",
                        Effect: "Allow",
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Principal: {
                            Federated:
                                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
                        },
                        Condition: {
                            StringEquals: {
                                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub":
                                    "system:serviceaccount:crm-sync:sync",
                                "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": [
                                    "sts.amazonaws.com",
                                ],
                            },
                        },
                    },
                ],
            });
            const [s] = statements(rendered);
            assert.equal(s.sid, undefined, "an empty Sid is no Sid");
            assert.deepEqual(s.principal, {
                Federated: [
                    "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
                ],
            });
            assert.deepEqual(
                s.conditions.StringEquals["oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub"],
                ["system:serviceaccount:crm-sync:sync"],
            );
        });

        it('normalises Principal "*", {AWS: "*"} and NotPrincipal', () => {
            const [a, b] = statements({
                Statement: [
                    { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" },
                    {
                        Effect: "Deny",
                        NotPrincipal: { AWS: ["arn:aws:iam::111122223333:root"] },
                        Principal: { AWS: "*" },
                        Action: "sqs:*",
                    },
                ],
            });
            assert.equal(a.principal, "*");
            assert.deepEqual(b.principal, { AWS: ["*"] });
            assert.deepEqual(b.notPrincipal, { AWS: ["arn:aws:iam::111122223333:root"] });
        });

        it("reads lower-case effects and field names and keeps the action's case", () => {
            const [s] = statements({
                statement: [{ effect: "allow", action: "S3:GetObject", resource: "*" }],
            });
            assert.equal(s.effect, "Allow");
            assert.deepEqual(s.actions, ["S3:GetObject"]);
        });

        it("turns condition values that are booleans or numbers into strings", () => {
            const [s] = statements({
                Statement: {
                    Effect: "Deny",
                    Action: "*",
                    Resource: "*",
                    Condition: {
                        Bool: { "aws:SecureTransport": false },
                        NumericLessThan: { "s3:TlsVersion": [1.2] },
                    },
                },
            });
            assert.deepEqual(s.conditions, {
                Bool: { "aws:SecureTransport": ["false"] },
                NumericLessThan: { "s3:TlsVersion": ["1.2"] },
            });
        });

        it("accepts an empty statement list", () => {
            assert.deepEqual(statements({ Version: "2012-10-17", Statement: [] }), []);
        });

        it("says why a document cannot be read", () => {
            assert.equal(error(undefined), "The policy document is empty.");
            assert.equal(error("  "), "The policy document is empty.");
            assert.match(error("{not json"), /^The policy document is not valid JSON \(.+\)\.$/);
            assert.equal(error("[1, 2]"), "The policy document is a list, not a JSON object.");
            assert.equal(error(42), "The policy document is a number, not a JSON object.");
            assert.equal(error({ Version: "2012-10-17" }), "The policy document has no Statement.");
            assert.equal(
                error({ Statement: [{ Effect: "Allow", Action: "*" }, "oops"] }),
                "The policy document's statement #1 cannot be read: it is a string, not an object.",
            );
            assert.equal(
                error({ Statement: [{ Sid: "X", Effect: "Permit", Action: "*" }] }),
                'The policy document\'s statement "X" cannot be read: its Effect "Permit" is neither "Allow" nor "Deny".',
            );
            assert.equal(
                error({ Statement: [{ Effect: "Allow", Resource: "*" }] }),
                "The policy document's statement #0 cannot be read: it has neither Action nor NotAction.",
            );
            assert.equal(
                error({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject", 7] }] }),
                "The policy document's statement #0 cannot be read: its Action holds a number where a string belongs.",
            );
            assert.equal(
                error({ Statement: [{ Effect: "Allow", Action: "*", Principal: ["*"] }] }),
                'The policy document\'s statement #0 cannot be read: its Principal is a list, not "*" or an object.',
            );
            assert.equal(
                error({
                    Statement: [{ Effect: "Allow", Action: "*", Condition: { Bool: "true" } }],
                }),
                'The policy document\'s statement #0 cannot be read: its Condition operator "Bool" is a string, not an object.',
            );
        });

        it("lets an unknown value propagate to the framework instead of reporting it", () => {
            const props = unknownCheckingProxy({
                policy: { Statement: [{ Effect: "Allow", Action: unknown.string, Resource: "*" }] },
            });
            assert.throws(() => parsePolicyDocument(props.policy), UnknownValueError);
            // Read again (another rule on the same resource): still the framework's error.
            assert.throws(() => parsePolicyDocument(props.policy), UnknownValueError);
        });

        it("reads a document's text once for every rule that reads it, and each text on its own", () => {
            const text = JSON.stringify({
                Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }],
            });
            const first = parsePolicyDocument(text);
            assert.strictEqual(parsePolicyDocument(text), first);
            const other = parsePolicyDocument(text.replace("SendMessage", "*"));
            assert.notStrictEqual(other, first);
            assert.deepEqual(statements(text.replace("SendMessage", "*"))[0].actions, ["sqs:*"]);
            assert.deepEqual(statements(text)[0].actions, ["sqs:SendMessage"]);
        });
    });

    describe("describeStatement", () => {
        it("names a statement by Sid, else by 0-based index", () => {
            const [a, b] = statements({
                Statement: [
                    { Sid: "Read", Effect: "Allow", Action: "s3:GetObject" },
                    { Effect: "Allow", Action: "s3:GetObject" },
                ],
            });
            assert.equal(describeStatement(a), 'statement "Read"');
            assert.equal(describeStatement(b), "statement #1");
        });
    });

    describe("conditions and principals", () => {
        const [s] = statements({
            Statement: {
                Effect: "Allow",
                Action: "sts:AssumeRole",
                Principal: {
                    aws: ["arn:aws:iam::111122223333:root"],
                    Service: "ec2.amazonaws.com",
                },
                Condition: {
                    StringEquals: { "sts:ExternalId": "abc" },
                    stringequals: { "STS:externalid": ["def"] },
                    StringLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/x-*" },
                },
            },
        });

        it("looks conditions up case-insensitively and merges duplicates", () => {
            assert.deepEqual(conditionValues(s, "StringEquals", "sts:ExternalId"), ["abc", "def"]);
            assert.equal(conditionValues(s, "StringEquals", "aws:PrincipalArn"), undefined);
            assert.deepEqual([...conditionKeys(s)].sort(), ["aws:principalarn", "sts:externalid"]);
            assert.deepEqual(conditionEntries(s, "aws:principalarn"), [
                { operator: "StringLike", values: ["arn:aws:iam::111122223333:role/x-*"] },
            ]);
        });

        it("reads principal kinds case-insensitively and recognises public principals", () => {
            assert.deepEqual(principalValues(s.principal, "AWS"), [
                "arn:aws:iam::111122223333:root",
            ]);
            assert.deepEqual(principalValues("*", "AWS"), ["*"]);
            assert.equal(isPublicPrincipal(s.principal), false);
            assert.equal(isPublicPrincipal("*"), true);
            assert.equal(isPublicPrincipal({ AWS: ["arn:aws:iam::1:root", "*"] }), true);
            assert.equal(isPublicPrincipal(undefined), false);
        });
    });

    describe("action patterns", () => {
        it("matches IAM wildcards case-insensitively", () => {
            assert.equal(iamPatternMatches("iam:Pass*", "IAM:PassRole"), true);
            assert.equal(iamPatternMatches("s3:Get?bject", "s3:GetObject"), true);
            assert.equal(iamPatternMatches("s3:Get*", "s3:PutObject"), false);
        });

        it("recognises whole-service grants", () => {
            assert.equal(isServiceWildcard("*"), true);
            assert.equal(isServiceWildcard("S3:*"), true);
            assert.equal(isServiceWildcard("s3:Get*"), false);
            assert.equal(isServiceWildcard("s3:GetObject"), false);
        });
    });

    describe("where documents live", () => {
        it("finds identity policies, a role's inline policies and its trust policy", () => {
            assert.deepEqual(
                identityPolicyDocuments("aws:iam/groupPolicy:GroupPolicy", { policy: "{}" }),
                [{ place: "policy", doc: "{}" }],
            );
            assert.deepEqual(
                identityPolicyDocuments("aws:iam/role:Role", {
                    inlinePolicies: [
                        { name: "a", policy: "{}" },
                        { policy: { Statement: [] } },
                        { name: "none" },
                        "junk",
                    ],
                }),
                [
                    { place: 'inline policy "a"', doc: "{}" },
                    { place: "inline policy #1", doc: { Statement: [] } },
                ],
            );
            assert.deepEqual(
                identityPolicyDocuments("aws:iam/role:Role", { inlinePolicies: "nope" }),
                [],
            );
            assert.deepEqual(trustPolicyDocument("aws:iam/role:Role", { assumeRolePolicy: "{}" }), {
                place: "assumeRolePolicy",
                doc: "{}",
            });
            assert.equal(trustPolicyDocument("aws:iam/policy:Policy", {}), undefined);
        });

        it("finds resource policies, required on policy resources and optional inline", () => {
            assert.deepEqual(resourcePolicyDocument("aws:sqs/queuePolicy:QueuePolicy", {}), {
                place: "policy",
                doc: undefined,
            });
            assert.equal(resourcePolicyDocument("aws:sqs/queue:Queue", {}), undefined);
            assert.deepEqual(resourcePolicyDocument("aws:kms/key:Key", { policy: "{}" }), {
                place: "policy",
                doc: "{}",
            });
            assert.equal(
                resourcePolicyDocument("aws:iam/policy:Policy", { policy: "{}" }),
                undefined,
            );
        });

        it("labels documents for messages", () => {
            assert.equal(documentLabel("aws:iam/policy:Policy", "p", "policy"), 'IAM policy "p"');
            assert.equal(
                documentLabel("aws:iam/role:Role", "r", 'inline policy "x"'),
                'IAM role "r" inline policy "x"',
            );
            assert.equal(
                documentLabel("aws:sqs/queue:Queue", "q", "policy"),
                'SQS queue "q" policy',
            );
            assert.equal(
                documentLabel("aws:sqs/queuePolicy:QueuePolicy", "q", "policy"),
                'SQS queue policy "q"',
            );
            assert.equal(
                unreadableDocumentMessage('IAM policy "p"', "The policy document is empty."),
                'IAM policy "p" cannot be checked: The policy document is empty; write it as a JSON policy document (aws.iam.getPolicyDocument or JSON.stringify of an object) so it can be verified.',
            );
            assert.equal(quoteList(["a", "b"]), '"a", "b"');
            assert.equal(quoteList(["a", "b", "c"], 2), '"a", "b" and 1 more');
        });
    });

    describe("principals and conditions in trust and resource policies", () => {
        it("reads OIDC issuers and whole-account principals", () => {
            assert.equal(
                oidcIssuer(
                    "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AB",
                ),
                "oidc.eks.eu-west-1.amazonaws.com/id/AB",
            );
            assert.equal(oidcIssuer("arn:aws:iam::111122223333:saml-provider/okta"), undefined);
            assert.equal(wholeAccountPrincipal("arn:aws:iam::111122223333:root"), "111122223333");
            assert.equal(wholeAccountPrincipal("111122223333"), "111122223333");
            assert.equal(wholeAccountPrincipal("arn:aws:iam::111122223333:role/root"), undefined);
        });

        it("recognises restricting conditions, not negated or wildcard ones", () => {
            const [org, not, wild, ext] = statements({
                Statement: [
                    {
                        Effect: "Allow",
                        Action: "sqs:SendMessage",
                        Principal: "*",
                        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } },
                    },
                    {
                        Effect: "Allow",
                        Action: "sqs:SendMessage",
                        Principal: "*",
                        Condition: { StringNotEquals: { "aws:SourceAccount": "1" } },
                    },
                    {
                        Effect: "Allow",
                        Action: "sqs:SendMessage",
                        Principal: "*",
                        Condition: { StringLike: { "aws:SourceArn": "*" } },
                    },
                    {
                        Effect: "Allow",
                        Action: "sts:AssumeRole",
                        Principal: { AWS: "1" },
                        Condition: { StringEquals: { "sts:ExternalId": "x" } },
                    },
                ],
            });
            assert.equal(hasRestrictingCondition(org), true);
            assert.equal(hasRestrictingCondition(not), false);
            assert.equal(hasRestrictingCondition(wild), false);
            assert.equal(hasRestrictingCondition(ext), false);
            assert.equal(hasRestrictingCondition(ext, ["sts:ExternalId"]), true);
            assert.deepEqual(grantingPatterns(ext, "STS:assumerole"), ["sts:AssumeRole"]);
        });
    });

    describe("expandActions", () => {
        it("expands wildcards with the action data, case-insensitively, with access levels", async () => {
            const actions = await expandActions(["IAM:passrole", "sts:GetCaller*"]);
            assert.deepEqual(actions, [
                { action: "iam:PassRole", accessLevel: "Write", wildcardOnly: false },
                { action: "sts:GetCallerIdentity", accessLevel: "Read", wildcardOnly: true },
            ]);
        });

        it("keeps actions and services the data does not know, as scopable (fail closed)", async () => {
            assert.deepEqual(
                await expandActions(["newsvc:*", "iam:NoSuchAction", "iam:NoSuchAction"]),
                [
                    { action: "newsvc:*", accessLevel: "Unknown", wildcardOnly: false },
                    { action: "iam:NoSuchAction", accessLevel: "Unknown", wildcardOnly: false },
                ],
            );
        });

        it("expands a whole service", async () => {
            const actions = await expandActions(["sqs:*"]);
            assert.ok(actions.length > 15);
            assert.ok(
                actions.some((a) => a.action === "sqs:SendMessage" && a.accessLevel === "Write"),
            );
        });
    });
});
