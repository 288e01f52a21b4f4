import * as assert from "node:assert/strict";
import { enableAuditLogs } from "../../../../../../policypack/policies/audit/aws/eks/enableAuditLogs";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:eks/cluster:Cluster";
const check = (props: Record<string, any>, type = TYPE) =>
    checkResource(enableAuditLogs, { type, name: "apps", props });
const msg = (shown: string) =>
    `EKS cluster "apps" does not send its Kubernetes audit log to CloudWatch Logs (\`enabledClusterLogTypes\` ${shown}), so nobody can tell who read a Secret or exec'd into a pod; add "audit" to \`enabledClusterLogTypes\`.`;

describe("aws-eks-cluster-enable-audit-logs", () => {
    it("accepts a cluster whose log types include audit", async () => {
        const out = await check({ enabledClusterLogTypes: ["api", "audit", "authenticator"] });
        assert.deepEqual(out.violations, []);
    });

    it("reports a cluster with no log types, EKS's default", async () => {
        assert.deepEqual((await check({ roleArn: "arn:aws:iam::1:role/eks" })).violations, [
            msg("is empty"),
        ]);
    });

    it("reports a cluster that sends other logs but not audit", async () => {
        const out = await check({ enabledClusterLogTypes: ["api", "authenticator"] });
        assert.deepEqual(out.violations, [msg('lists only "api", "authenticator"')]);
    });

    it("reads a wrongly typed list as empty", async () => {
        assert.deepEqual((await check({ enabledClusterLogTypes: "audit" })).violations, [
            msg("is empty"),
        ]);
    });

    it("leaves the list unknown during preview to the framework", async () => {
        const out = await check({ enabledClusterLogTypes: unknown.array });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /enabledClusterLogTypes/);
    });

    it("ignores other resource types, the eks component included", async () => {
        assert.deepEqual((await check({}, "eks:index:Cluster")).violations, []);
    });
});
