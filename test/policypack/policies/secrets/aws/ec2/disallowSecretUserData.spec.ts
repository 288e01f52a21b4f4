import * as assert from "node:assert/strict";
import { disallowSecretUserData } from "../../../../../../policypack/policies/secrets/aws/ec2/disallowSecretUserData";
import { checkResource, unknown } from "../../../../harness";

const script =
    "#!/bin/bash\nset -euo pipefail\nexport VAULT_ADDR=https://vault.internal.example.com:8200\nvault login -method=aws role=sync\n/opt/sync/run\n";
const leaky = "#!/bin/bash\nexport DB_PASSWORD='Adm1n!CrmErp#2am'\n/opt/sync/run\n";

describe("aws-ec2-instance-disallow-secret-user-data", () => {
    it("accepts a boot script that logs in to Vault with the instance role", async () => {
        const out = await checkResource(disallowSecretUserData, {
            type: "aws:ec2/instance:Instance",
            name: "sync-host",
            props: { userData: script },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a password exported in an instance's user data, naming the variable", async () => {
        const out = await checkResource(disallowSecretUserData, {
            type: "aws:ec2/instance:Instance",
            name: "sync-host",
            props: { userData: leaky },
        });
        assert.deepEqual(out.violations, [
            'EC2 instance "sync-host" `userData` holds a secret (detector "secret-like-key" at "DB_PASSWORD"); fetch it at boot from Vault\'s AWS auth method or Secrets Manager using the instance role instead.',
        ]);
    });

    it("decodes a launch template's base64 user data", async () => {
        const out = await checkResource(disallowSecretUserData, {
            type: "aws:ec2/launchTemplate:LaunchTemplate",
            name: "sync-lt",
            props: { userData: Buffer.from(leaky).toString("base64") },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /^Launch template "sync-lt" `userData` holds a secret/);
        const clean = await checkResource(disallowSecretUserData, {
            type: "aws:ec2/launchTemplate:LaunchTemplate",
            name: "sync-lt",
            props: { userData: Buffer.from(script).toString("base64") },
        });
        assert.deepEqual(clean.violations, []);
    });

    it("leaves user data that is unknown during preview to the framework", async () => {
        const out = await checkResource(disallowSecretUserData, {
            type: "aws:ec2/instance:Instance",
            props: { userData: unknown.string },
        });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("does not throw on wrongly typed user data and ignores other types", async () => {
        assert.deepEqual(
            (
                await checkResource(disallowSecretUserData, {
                    type: "aws:ec2/instance:Instance",
                    props: { userData: 5 },
                })
            ).violations,
            [],
        );
        assert.deepEqual(
            (
                await checkResource(disallowSecretUserData, {
                    type: "aws:s3/bucket:Bucket",
                    props: { userData: leaky },
                })
            ).violations,
            [],
        );
    });
});
