import * as assert from "node:assert/strict";
import { disallowPublicAccess } from "../../../../../../policypack/policies/exposure/aws/opensearch/disallowPublicAccess";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:opensearch/domain:Domain";

const openStatement = {
    Sid: "Open",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: "es:*",
    Resource: "arn:aws:es:eu-west-1:111122223333:domain/crm/*",
};
const doc = (statement: Record<string, any>) => ({ Version: "2012-10-17", Statement: [statement] });

async function check(props: Record<string, any>, type = TYPE) {
    return checkResource(disallowPublicAccess, { type, name: "search", props });
}

const OFFENCE =
    'OpenSearch domain "search" accessPolicies statement "Open" allows Principal "*" on a domain with a public endpoint (no `vpcOptions`) and no condition that pins the caller, so anyone on the internet can query the personal data it indexes; place the domain in the VPC, name the principals, or add an aws:SourceIp or aws:PrincipalOrgID condition.';

describe("aws-opensearch-domain-disallow-public-access", () => {
    it("rejects an open policy on a public domain, as a JSON string and as an object", async () => {
        assert.deepEqual(
            (await check({ accessPolicies: JSON.stringify(doc(openStatement)) })).violations,
            [OFFENCE],
        );
        assert.deepEqual((await check({ accessPolicies: doc(openStatement) })).violations, [
            OFFENCE,
        ]);
    });

    it('rejects Principal "*" written as a bare string, and on an Elasticsearch domain', async () => {
        const bare = { ...openStatement, Principal: "*" };
        assert.equal((await check({ accessPolicies: doc(bare) })).violations.length, 1);
        const es = await check(
            { accessPolicies: doc(openStatement) },
            "aws:elasticsearch/domain:Domain",
        );
        assert.match(es.violations[0] ?? "", /^Elasticsearch domain "search" accessPolicies/);
    });

    it("accepts the same policy on a domain in the VPC", async () => {
        const props = {
            accessPolicies: doc(openStatement),
            vpcOptions: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
        };
        assert.deepEqual((await check(props)).violations, []);
    });

    it("accepts a public domain whose policy pins the caller: account, organisation or source IP range", async () => {
        for (const Condition of [
            { StringEquals: { "aws:PrincipalAccount": "111122223333" } },
            { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
            { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } },
        ]) {
            const out = await check({ accessPolicies: doc({ ...openStatement, Condition }) });
            assert.deepEqual(out.violations, [], JSON.stringify(Condition));
        }
    });

    it("rejects a source IP condition that admits the whole internet, or a negated one", async () => {
        for (const Condition of [
            { IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } },
            { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } },
        ]) {
            const out = await check({ accessPolicies: doc({ ...openStatement, Condition }) });
            assert.deepEqual(out.violations, [OFFENCE], JSON.stringify(Condition));
        }
    });

    it("accepts named principals, a Deny, and a domain without an access policy", async () => {
        const named = {
            ...openStatement,
            Principal: { AWS: "arn:aws:iam::111122223333:role/sync" },
        };
        assert.deepEqual((await check({ accessPolicies: doc(named) })).violations, []);
        const deny = { ...openStatement, Effect: "Deny" };
        assert.deepEqual((await check({ accessPolicies: doc(deny) })).violations, []);
        assert.deepEqual((await check({ domainName: "search" })).violations, []);
    });

    it("fails closed on a policy that is not a JSON document", async () => {
        const out = await check({ accessPolicies: "{not json" });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^OpenSearch domain "search" accessPolicies cannot be checked/,
        );
    });

    it("reads wrongly typed vpcOptions as no VPC", async () => {
        const out = await check({ accessPolicies: doc(openStatement), vpcOptions: "vpc-1" });
        assert.deepEqual(out.violations, [OFFENCE]);
    });

    it("leaves a policy that is unknown during preview to the framework", async () => {
        const out = await check({ accessPolicies: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /accessPolicies/);
    });
});
