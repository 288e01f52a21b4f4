import * as assert from "node:assert/strict";
import type { StackValidationPolicy } from "@pulumi/policy";
import { withExemptions } from "../../../../../../policypack/lib/exemptions";
import { disallowLiteralSecrets } from "../../../../../../policypack/policies/secrets/aws/secretsmanager/disallowLiteralSecrets";
import { checkStack, unknown, urn } from "../../../../harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const secret = { type: SECRET, name: "crm-api", props: { name: "crm/api" } };
const version = (props: Record<string, any>) => ({
    type: VERSION,
    name: "crm-api-v1",
    props,
    propertyDependencies: { secretId: [urn(SECRET, "crm-api")] },
});
const rotation = {
    type: ROTATION,
    name: "crm-api-rotation",
    props: { secretId: unknown.string },
    propertyDependencies: { secretId: [urn(SECRET, "crm-api")] },
};
const ROTATED =
    'Secret version "crm-api-v1" writes a literal `secretString`: rotation replaces it, but until the first rotation runs it is the live secret, and it stays in the program and the state; drop it and let the rotation (`rotateImmediately`) write the first value, or keep the secret in Vault.';
/** The advisory report, in the object form that sets one violation's level. */
const ROTATED_ADVISORY = {
    message: ROTATED,
    enforcementLevel: "advisory",
    urn: urn(VERSION, "crm-api-v1"),
};
const MESSAGE =
    'Secret version "crm-api-v1" writes a literal `secretString` that nothing rotates, so the secret lives on in the program and the state; let rotation or the owning service write it (RDS `manageMasterUserPassword`), or keep it in Vault.';

describe("aws-secretsmanager-secretversion-disallow-literal-secrets", () => {
    it("accepts a secret with no version written by the program", async () => {
        const out = await checkStack(disallowLiteralSecrets, [secret]);
        assert.deepEqual(out.violations, []);
    });

    it("rejects a literal secretString on a secret that nothing rotates", async () => {
        const out = await checkStack(disallowLiteralSecrets, [
            secret,
            version({ secretId: unknown.string, secretString: "hunter22" }),
        ]);
        assert.deepEqual(out.violations, [MESSAGE]);
        assert.deepEqual(out.urns, [urn(VERSION, "crm-api-v1")]);
    });

    it("reports the literal as advisory, not mandatory, when a rotation in the stack replaces it", async () => {
        const out = await checkStack(disallowLiteralSecrets, [
            secret,
            rotation,
            version({ secretId: unknown.string, secretString: "hunter22" }),
        ]);
        assert.deepEqual(out.violations, [ROTATED_ADVISORY]);
        assert.deepEqual(out.urns, [urn(VERSION, "crm-api-v1")]);
    });

    it("keeps that violation advisory, on the version, as the pack serves the rule", async () => {
        const [served] = withExemptions([disallowLiteralSecrets]) as StackValidationPolicy[];
        const out = await checkStack(served, [
            secret,
            rotation,
            version({ secretId: unknown.string, secretString: "hunter22" }),
        ]);
        assert.deepEqual(out.violations, [
            {
                name: disallowLiteralSecrets.name,
                description: disallowLiteralSecrets.description,
                message: `${disallowLiteralSecrets.description}\n${ROTATED}`,
                enforcementLevel: "advisory",
                severity: "high",
                urn: urn(VERSION, "crm-api-v1"),
            },
        ]);
    });

    it("still rejects, as mandatory, a literal on a secret that another secret's rotation does not cover", async () => {
        const other = { type: SECRET, name: "erp-api", props: { name: "erp/api" } };
        const out = await checkStack(disallowLiteralSecrets, [
            secret,
            other,
            { ...rotation, propertyDependencies: { secretId: [urn(SECRET, "erp-api")] } },
            version({ secretId: unknown.string, secretString: "hunter22" }),
        ]);
        assert.deepEqual(out.violations, [MESSAGE]);
    });

    it("links a version to its secret by a literal name when there is no dependency", async () => {
        const v = {
            type: VERSION,
            name: "crm-api-v1",
            props: { secretId: "crm/api", secretString: "hunter22" },
        };
        const r = { type: ROTATION, name: "rot", props: { secretId: "crm/api" } };
        assert.deepEqual((await checkStack(disallowLiteralSecrets, [secret, v])).violations, [
            MESSAGE,
        ]);
        assert.deepEqual((await checkStack(disallowLiteralSecrets, [secret, r, v])).violations, [
            ROTATED_ADVISORY,
        ]);
    });

    it("leaves a secret value that is unknown during preview to the framework", async () => {
        const out = await checkStack(disallowLiteralSecrets, [
            secret,
            version({ secretString: unknown.string }),
        ]);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("does not throw on wrongly typed fields", async () => {
        const out = await checkStack(disallowLiteralSecrets, [
            secret,
            { type: VERSION, name: "v", props: { secretId: 3, secretString: 4 } },
        ]);
        assert.deepEqual(out.violations, []);
    });
});
