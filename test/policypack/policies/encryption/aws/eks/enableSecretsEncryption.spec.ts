import * as assert from "node:assert/strict";
import { enableSecretsEncryption } from "../../../../../../policypack/policies/encryption/aws/eks/enableSecretsEncryption";
import { checkResource, unknown } from "../../../../harness";

const CLUSTER = "aws:eks/cluster:Cluster";
const COMPONENT = "eks:index:Cluster";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

async function check(type: string, props: Record<string, any>) {
    return checkResource(enableSecretsEncryption, { type, name: "sync", props });
}

describe("aws-eks-cluster-enable-secrets-encryption", () => {
    it("accepts a provider cluster that encrypts secrets with a KMS key", async () => {
        const props = { encryptionConfig: { provider: { keyArn: KEY }, resources: ["secrets"] } };
        assert.deepEqual((await check(CLUSTER, props)).violations, []);
    });

    it("rejects a provider cluster without encryptionConfig, or one that leaves secrets out", async () => {
        assert.deepEqual((await check(CLUSTER, { roleArn: "r" })).violations, [
            'EKS cluster "sync" has no `encryptionConfig` with a KMS `provider.keyArn` for "secrets", so the credentials its Secrets hold are encrypted only with an AWS-owned key the organisation cannot restrict or audit; add `encryptionConfig: { provider: { keyArn }, resources: ["secrets"] }`.',
        ]);
        const partial = { encryptionConfig: { provider: { keyArn: KEY }, resources: [] } };
        assert.equal((await check(CLUSTER, partial)).violations.length, 1);
    });

    it("reads the eks.Cluster component's encryptionConfigKeyArn", async () => {
        assert.deepEqual((await check(COMPONENT, { encryptionConfigKeyArn: KEY })).violations, []);
        assert.deepEqual((await check(COMPONENT, {})).violations, [
            'eks.Cluster "sync" sets no `encryptionConfigKeyArn`, so the credentials its Secrets hold are encrypted only with an AWS-owned key the organisation cannot restrict or audit; pass a customer-managed KMS key\'s ARN as `encryptionConfigKeyArn`.',
        ]);
    });

    it("reads wrongly typed settings as missing", async () => {
        assert.equal((await check(COMPONENT, { encryptionConfigKeyArn: 42 })).violations.length, 1);
        assert.equal((await check(CLUSTER, { encryptionConfig: "secrets" })).violations.length, 1);
    });

    it("leaves a key that is unknown during preview to the framework", async () => {
        const out = await check(COMPONENT, { encryptionConfigKeyArn: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /encryptionConfigKeyArn/);
    });

    it("judges the provider cluster an eks.Cluster builds on the component's inputs, so once", async () => {
        const out = await checkResource(enableSecretsEncryption, {
            type: CLUSTER,
            name: "sync-eksCluster",
            urn: "urn:pulumi:dev::shop::eks:index:Cluster$aws:eks/cluster:Cluster::sync-eksCluster",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });
});
