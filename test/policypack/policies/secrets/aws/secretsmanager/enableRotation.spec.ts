import * as assert from "node:assert/strict";
import { enableRotation } from "../../../../../../policypack/policies/secrets/aws/secretsmanager/enableRotation";
import { checkStack, unknown, urn } from "../../../../harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const secret = { type: SECRET, name: "crm-api", props: { name: "crm/api" } };

describe("aws-secretsmanager-secret-enable-rotation", () => {
    it("accepts a secret rotated by a SecretRotation that depends on it", async () => {
        const rotation = {
            type: ROTATION,
            name: "rot",
            props: { secretId: unknown.string },
            propertyDependencies: { secretId: [urn(SECRET, "crm-api")] },
        };
        assert.deepEqual((await checkStack(enableRotation, [secret, rotation])).violations, []);
    });

    it("advises rotation for a secret nothing rotates", async () => {
        const out = await checkStack(enableRotation, [secret]);
        assert.deepEqual(out.violations, [
            'Secrets Manager secret "crm-api" has no rotation in this stack, so its value is long-lived; add an `aws.secretsmanager.SecretRotation` or issue the credential dynamically from Vault.',
        ]);
        assert.deepEqual(out.urns, [urn(SECRET, "crm-api")]);
    });

    it("does not count a rotation of another secret", async () => {
        const other = { type: SECRET, name: "other", props: {} };
        const rotation = {
            type: ROTATION,
            name: "rot",
            props: {},
            propertyDependencies: { secretId: [urn(SECRET, "other")] },
        };
        const out = await checkStack(enableRotation, [secret, other, rotation]);
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /"crm-api"/);
    });

    it("does not throw on a wrongly typed secret name", async () => {
        const out = await checkStack(enableRotation, [
            { type: SECRET, name: "s", props: { name: 5 } },
        ]);
        assert.equal(out.violations.length, 1);
    });
});
