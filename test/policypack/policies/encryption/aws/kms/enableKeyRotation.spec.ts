import * as assert from "node:assert/strict";
import { enableKeyRotation } from "../../../../../../policypack/policies/encryption/aws/kms/enableKeyRotation";
import { checkResource, unknown } from "../../../../harness";
import { remediate } from "../../../../remediate";

const TYPE = "aws:kms/key:Key";
const compliant = { description: "crm", enableKeyRotation: true, deletionWindowInDays: 30 };

describe("aws-kms-key-enable-key-rotation", () => {
    it("accepts a symmetric key with rotation enabled", async () => {
        const out = await checkResource(enableKeyRotation, {
            type: TYPE,
            name: "k",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a key that leaves rotation unset", async () => {
        const { enableKeyRotation: _, ...props } = compliant;
        const out = await checkResource(enableKeyRotation, { type: TYPE, name: "k", props });
        assert.deepEqual(out.violations, [
            'KMS key "k" does not rotate (`enableKeyRotation` is unset), so one exposed key material unlocks every record it ever encrypted; set `enableKeyRotation: true`.',
        ]);
    });

    it("rejects a key with rotation disabled", async () => {
        const out = await checkResource(enableKeyRotation, {
            type: TYPE,
            name: "k",
            props: { ...compliant, enableKeyRotation: false },
        });
        assert.deepEqual(out.violations, [
            'KMS key "k" does not rotate (`enableKeyRotation` is false), so one exposed key material unlocks every record it ever encrypted; set `enableKeyRotation: true`.',
        ]);
    });

    it("rejects an explicitly symmetric key without rotation", async () => {
        const props = { keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" };
        const out = await checkResource(enableKeyRotation, { type: TYPE, name: "k", props });
        assert.equal(out.violations.length, 1);
    });

    it("is not applicable to asymmetric signing keys", async () => {
        const props = { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" };
        const out = await checkResource(enableKeyRotation, { type: TYPE, name: "k", props });
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /symmetric/);
    });

    it("reads a wrongly typed rotation flag without throwing and reports it", async () => {
        const out = await checkResource(enableKeyRotation, {
            type: TYPE,
            name: "k",
            props: { enableKeyRotation: "true" },
        });
        assert.equal(out.violations.length, 1);
        assert.match(out.violations[0], /is unset/);
    });

    it("leaves a rotation flag that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enableKeyRotation, {
            type: TYPE,
            name: "k",
            props: { enableKeyRotation: unknown.boolean },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /enableKeyRotation/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(enableKeyRotation, {
            type: "aws:kms/alias:Alias",
            props: {},
        });
        assert.deepEqual(out.violations, []);
    });

    describe("remediation", () => {
        for (const [what, before] of [
            [
                "unset",
                (() => {
                    const { enableKeyRotation: _, ...rest } = compliant;
                    return rest;
                })(),
            ],
            ["false", { ...compliant, enableKeyRotation: false }],
        ] as const) {
            it(`turns rotation on for a symmetric key whose rotation is ${what}, and the result passes`, async () => {
                const { props } = await remediate(enableKeyRotation, {
                    type: TYPE,
                    name: "k",
                    props: before,
                });
                assert.deepEqual(props, compliant);
                const after = await checkResource(enableKeyRotation, {
                    type: TYPE,
                    name: "k",
                    props: props!,
                });
                assert.deepEqual(after.violations, []);
            });
        }

        it("changes nothing on a rotating key, an asymmetric or HMAC key, or another type", async () => {
            assert.equal(
                (await remediate(enableKeyRotation, { type: TYPE, name: "k", props: compliant }))
                    .props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(enableKeyRotation, {
                        type: TYPE,
                        name: "k",
                        props: { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
                    })
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(enableKeyRotation, {
                        type: TYPE,
                        name: "k",
                        props: { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" },
                    })
                ).props,
                undefined,
            );
            assert.equal(
                (
                    await remediate(enableKeyRotation, {
                        type: "aws:kms/alias:Alias",
                        name: "k",
                        props: {},
                    })
                ).props,
                undefined,
            );
        });

        it("does not read unknown values it does not need, and leaves an unknown key spec to the framework", async () => {
            const other = await remediate(enableKeyRotation, {
                type: TYPE,
                name: "k",
                props: { description: unknown.string },
            });
            assert.equal(other.props?.enableKeyRotation, true);
            const spec = await remediate(enableKeyRotation, {
                type: TYPE,
                name: "k",
                props: { keySpec: unknown.string },
            });
            assert.match(spec.unknownDuringPreview ?? "", /keySpec can't be known during preview/);
        });
    });
});
