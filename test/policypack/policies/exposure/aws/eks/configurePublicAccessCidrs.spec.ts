import * as assert from "node:assert/strict";
import { configurePublicAccessCidrs } from "../../../../../../policypack/policies/exposure/aws/eks/configurePublicAccessCidrs";
import { checkResource, unknown } from "../../../../harness";

const CLUSTER = "aws:eks/cluster:Cluster";
const COMPONENT = "eks:index:Cluster";

async function check(type: string, props: Record<string, any>) {
    return checkResource(configurePublicAccessCidrs, { type, name: "sync", props });
}

describe("aws-eks-cluster-configure-public-access-cidrs", () => {
    it("rejects a provider cluster that leaves the public endpoint on with no CIDR limit", async () => {
        assert.deepEqual((await check(CLUSTER, { vpcConfig: { subnetIds: ["s-1"] } })).violations, [
            'EKS cluster "sync" leaves the public API endpoint on (the default) with no `vpcConfig.publicAccessCidrs` (AWS admits 0.0.0.0/0), so anyone on the internet can reach the Kubernetes API that reads every Secret of the sync jobs; set `vpcConfig.endpointPublicAccess: false` or list the CI and office ranges in `vpcConfig.publicAccessCidrs`.',
        ]);
    });

    it("rejects an explicit 0.0.0.0/0 limit and accepts narrower ranges", async () => {
        const open = await check(CLUSTER, {
            vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
        });
        assert.match(
            open.violations[0] ?? "",
            /turns the public API endpoint on with `vpcConfig.publicAccessCidrs` "0\.0\.0\.0\/0"/,
        );
        assert.deepEqual(
            (await check(CLUSTER, { vpcConfig: { publicAccessCidrs: ["203.0.113.0/24"] } }))
                .violations,
            [],
        );
    });

    it("accepts a private endpoint", async () => {
        assert.deepEqual(
            (
                await check(CLUSTER, {
                    vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true },
                })
            ).violations,
            [],
        );
    });

    it("reads the eks.Cluster component's top-level inputs", async () => {
        const out = await check(COMPONENT, { instanceType: "t3.medium" });
        assert.match(
            out.violations[0] ?? "",
            /^eks\.Cluster "sync" leaves the public API endpoint on \(the default\) with no `publicAccessCidrs`/,
        );
        assert.deepEqual(
            (await check(COMPONENT, { endpointPublicAccess: false, endpointPrivateAccess: true }))
                .violations,
            [],
        );
        assert.deepEqual(
            (await check(COMPONENT, { publicAccessCidrs: ["198.51.100.7/32"] })).violations,
            [],
        );
    });

    it("reads wrongly typed settings as unset", async () => {
        assert.equal((await check(CLUSTER, { vpcConfig: "public" })).violations.length, 1);
        assert.equal(
            (await check(COMPONENT, { publicAccessCidrs: "10.0.0.0/8" })).violations.length,
            1,
        );
    });

    it("leaves a flag that is unknown during preview to the framework", async () => {
        const out = await check(COMPONENT, { endpointPublicAccess: unknown.boolean });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /endpointPublicAccess/);
    });

    it("judges the provider cluster an eks.Cluster builds on the component's inputs, so once", async () => {
        const out = await checkResource(configurePublicAccessCidrs, {
            type: CLUSTER,
            name: "sync-eksCluster",
            urn: "urn:pulumi:dev::shop::eks:index:Cluster$aws:eks/cluster:Cluster::sync-eksCluster",
            props: { vpcConfig: {} },
        });
        assert.deepEqual(out.violations, []);
    });
});
