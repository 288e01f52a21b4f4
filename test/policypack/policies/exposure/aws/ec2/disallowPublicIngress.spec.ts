import * as assert from "node:assert/strict";
import { disallowPublicIngress } from "../../../../../../policypack/policies/exposure/aws/ec2/disallowPublicIngress";
import { checkResource, unknown } from "../../../../harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

async function check(type: string, props: Record<string, any>, config = {}) {
    return checkResource(disallowPublicIngress, { type, name: "db", props }, config);
}
const ingress = (rule: Record<string, any>) => ({ ingress: [rule] });

describe("aws-ec2-securitygroup-disallow-public-ingress", () => {
    it("rejects MySQL open to 0.0.0.0/0 in an inline rule, naming the port and its service", async () => {
        const out = await check(
            SG,
            ingress({ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }),
        );
        assert.deepEqual(out.violations, [
            'Security group "db" ingress[0] admits "0.0.0.0/0" on port 3306, which is MySQL (3306), so anyone on the internet can reach the data store or admin service behind it; admit the client\'s security group or the VPC range instead.',
        ]);
    });

    it("accepts the same port admitted from the VPC range or a security group", async () => {
        assert.deepEqual(
            (
                await check(
                    SG,
                    ingress({
                        protocol: "tcp",
                        fromPort: 3306,
                        toPort: 3306,
                        cidrBlocks: ["10.0.0.0/16"],
                    }),
                )
            ).violations,
            [],
        );
        assert.deepEqual(
            (
                await check(
                    SG,
                    ingress({
                        protocol: "tcp",
                        fromPort: 3306,
                        toPort: 3306,
                        securityGroups: ["sg-app"],
                    }),
                )
            ).violations,
            [],
        );
    });

    it("accepts web ports open to the internet", async () => {
        const out = await check(SG, {
            ingress: [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "tcp", fromPort: 80, toPort: 80, ipv6CidrBlocks: ["::/0"] },
            ],
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects every port (protocol -1 or all) and a range that covers sensitive ports", async () => {
        const all = await check(
            SG,
            ingress({
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
                ipv6CidrBlocks: ["::/0"],
            }),
        );
        assert.match(
            all.violations[0] ?? "",
            /admits "0\.0\.0\.0\/0", "::\/0" on every port \(protocol -1\), which include SSH \(22\), MSSQL \(1433\), Oracle \(1521\), Docker API \(2375\), Docker API \(TLS\) \(2376\) and \d+ more/,
        );
        assert.equal(
            (await check(SG, ingress({ protocol: "all", cidrBlocks: ["0.0.0.0/0"] }))).violations
                .length,
            1,
        );
        const range = await check(
            SG,
            ingress({ protocol: "tcp", fromPort: 5000, toPort: 6500, cidrBlocks: ["0.0.0.0/0"] }),
        );
        assert.match(
            range.violations[0] ?? "",
            /on ports 5000-6500, which include PostgreSQL \(5432\), Kibana \(5601\), RabbitMQ \(5672\)/,
        );
    });

    it("ignores ICMP and a range that misses every sensitive port", async () => {
        assert.deepEqual(
            (
                await check(
                    SG,
                    ingress({
                        protocol: "icmp",
                        fromPort: -1,
                        toPort: -1,
                        cidrBlocks: ["0.0.0.0/0"],
                    }),
                )
            ).violations,
            [],
        );
        assert.deepEqual(
            (
                await check(
                    SG,
                    ingress({
                        protocol: "tcp",
                        fromPort: 30000,
                        toPort: 32767,
                        cidrBlocks: ["0.0.0.0/0"],
                    }),
                )
            ).violations,
            [],
        );
    });

    it("checks SecurityGroupRule resources of type ingress, not egress", async () => {
        const rule = {
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlocks: ["0.0.0.0/0"],
            securityGroupId: "sg-1",
        };
        const out = await check(RULE, { ...rule, type: "ingress" });
        assert.match(
            out.violations[0] ?? "",
            /^Security group rule "db" admits "0\.0\.0\.0\/0" on port 22, which is SSH \(22\)/,
        );
        assert.deepEqual((await check(RULE, { ...rule, type: "egress" })).violations, []);
    });

    it("checks vpc.SecurityGroupIngressRule on IPv4 and IPv6, protocol numbers and -1", async () => {
        const v6 = await check(INGRESS, {
            ipProtocol: "6",
            fromPort: 6379,
            toPort: 6379,
            cidrIpv6: "::/0",
        });
        assert.match(
            v6.violations[0] ?? "",
            /^Security group ingress rule "db" admits "::\/0" on port 6379, which is Redis \(6379\)/,
        );
        assert.equal(
            (await check(INGRESS, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" })).violations.length,
            1,
        );
        assert.deepEqual(
            (
                await check(INGRESS, {
                    ipProtocol: "tcp",
                    fromPort: 6379,
                    toPort: 6379,
                    cidrIpv4: "10.0.0.0/8",
                })
            ).violations,
            [],
        );
    });

    it("takes the port list from config", async () => {
        const props = ingress({
            protocol: "tcp",
            fromPort: 8000,
            toPort: 8000,
            cidrBlocks: ["0.0.0.0/0"],
        });
        assert.deepEqual((await check(SG, props)).violations.length, 0);
        const out = await check(SG, props, { sensitivePorts: [8000] });
        assert.match(out.violations[0] ?? "", /on port 8000, which is configured port 8000,/);
    });

    it("reads ports written as strings and wrongly typed rules without throwing", async () => {
        assert.equal(
            (
                await check(
                    SG,
                    ingress({
                        protocol: "TCP",
                        fromPort: "5432",
                        toPort: "5432",
                        cidrBlocks: ["0.0.0.0/0"],
                    }),
                )
            ).violations.length,
            1,
        );
        assert.deepEqual((await check(SG, { ingress: "open", egress: [] })).violations, []);
        assert.deepEqual((await check(SG, { ingress: [null, 3] })).violations, []);
    });

    it("leaves CIDRs that are unknown during preview to the framework", async () => {
        const out = await check(
            SG,
            ingress({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: unknown.array }),
        );
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /cidrBlocks/);
    });

    it("leaves the default security group of an awsx ApplicationLoadBalancer alone: the load balancer answers only on its listeners", async () => {
        const props = ingress({
            protocol: "-1",
            fromPort: 0,
            toPort: 0,
            cidrBlocks: ["0.0.0.0/0"],
        });
        const out = await checkResource(disallowPublicIngress, {
            type: SG,
            name: "web",
            urn: "urn:pulumi:dev::shop::awsx:lb:ApplicationLoadBalancer$aws:ec2/securityGroup:SecurityGroup::web",
            props,
        });
        assert.deepEqual(out.violations, []);
    });
});
