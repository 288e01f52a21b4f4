import * as assert from "node:assert/strict";
import { disallowLiteralPassword } from "../../../../../../policypack/policies/secrets/aws/docdb/disallowLiteralPassword";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:docdb/cluster:Cluster";

describe("aws-docdb-cluster-disallow-literal-password", () => {
    const check = (props: any) =>
        checkResource(disallowLiteralPassword, { type: TYPE, name: "docs", props });

    it("accepts a cluster with a managed master password", async () => {
        assert.deepEqual(
            (await check({ masterUsername: "admin", manageMasterUserPassword: true })).violations,
            [],
        );
    });

    it("rejects a literal master password", async () => {
        assert.deepEqual(
            (
                await check({
                    masterUsername: "admin",
                    masterPassword: "hunter22hunter22",
                })
            ).violations,
            [
                'DocumentDB cluster "docs" sets a literal `masterPassword` (detector "secret-like-key"); remove it and set `manageMasterUserPassword: true` so the password is kept and rotated in Secrets Manager.',
            ],
        );
    });

    it("leaves an unknown password to the framework and survives wrong types", async () => {
        const out = await check({ masterPassword: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.deepEqual((await check({ masterPassword: false })).violations, []);
    });
});
