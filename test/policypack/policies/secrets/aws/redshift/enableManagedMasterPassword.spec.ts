import * as assert from "node:assert/strict";
import { enableManagedMasterPassword } from "../../../../../../policypack/policies/secrets/aws/redshift/enableManagedMasterPassword";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:redshift/cluster:Cluster";

describe("aws-redshift-cluster-enable-managed-master-password", () => {
    const check = (props: any) =>
        checkResource(enableManagedMasterPassword, {
            type: TYPE,
            name: "dwh",
            props,
        });

    it("accepts a cluster whose master password Redshift manages", async () => {
        assert.deepEqual(
            (await check({ masterUsername: "admin", manageMasterPassword: true })).violations,
            [],
        );
    });

    it("rejects a literal master password", async () => {
        assert.deepEqual(
            (
                await check({
                    masterUsername: "admin",
                    masterPassword: "Hunter22Hunter22",
                })
            ).violations,
            [
                'Redshift cluster "dwh" sets a literal `masterPassword` (detector "secret-like-key"); remove it and set `manageMasterPassword: true` so Redshift keeps and rotates it in Secrets Manager.',
            ],
        );
    });

    it("leaves an unknown password to the framework and survives wrong types", async () => {
        const out = await check({ masterPassword: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.deepEqual((await check({ masterPassword: [] })).violations, []);
    });
});
