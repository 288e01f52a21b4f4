import * as assert from "node:assert/strict";
import { enableEncryption } from "../../../../../../policypack/policies/encryption/aws/ebs/enableEncryption";
import { checkStack, unknown, urn } from "../../../../harness";

const VOLUME = "aws:ebs/volume:Volume";
const INSTANCE = "aws:ec2/instance:Instance";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const FIX =
    "set `encrypted: true` with a customer-managed `kmsKeyId` on it, or turn on the account's EBS encryption by default (`aws.ebs.EncryptionByDefault` with `enabled: true`) in the stack.";
const msg = (label: string, name: string, why: string) =>
    `${label} "${name}" does not encrypt its storage at rest (${why}), so the personal data it holds sits on disk and in its snapshots in plaintext; ${FIX}`;

const encryptedInstance = {
    type: INSTANCE,
    name: "web",
    props: {
        ami: "ami-0123456789abcdef0",
        rootBlockDevice: { encrypted: true },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }],
    },
};

describe("aws-ebs-volume-enable-encryption", () => {
    it("accepts encrypted volumes, instance devices and launch-template mappings (booleans and provider strings)", async () => {
        const out = await checkStack(enableEncryption, [
            { type: VOLUME, name: "data", props: { encrypted: true, size: 10 } },
            encryptedInstance,
            {
                type: TEMPLATE,
                name: "lt",
                props: {
                    blockDeviceMappings: [
                        { deviceName: "/dev/xvda", ebs: { encrypted: "true" } },
                        { deviceName: "/dev/sdb", virtualName: "ephemeral0" },
                        { deviceName: "/dev/sdc", noDevice: "" },
                    ],
                },
            },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it("reads an empty noDevice or virtualName as unset, as the provider does, and checks the volume", async () => {
        const out = await checkStack(enableEncryption, [
            {
                type: TEMPLATE,
                name: "lt",
                props: {
                    blockDeviceMappings: [
                        { deviceName: "/dev/sdb", noDevice: "", ebs: { encrypted: false } },
                        { deviceName: "/dev/sdc", virtualName: "", ebs: { encrypted: "false" } },
                        { deviceName: "/dev/sdd", noDevice: "", ebs: { encrypted: true } },
                    ],
                },
            },
        ]);
        assert.equal(out.violations.length, 2);
        assert.match(out.violations[0], /blockDeviceMappings\[0\]\.ebs\.encrypted/);
        assert.match(out.violations[1], /blockDeviceMappings\[1\]\.ebs\.encrypted/);
    });

    it("rejects a volume that omits `encrypted` and names it", async () => {
        const out = await checkStack(enableEncryption, [{ type: VOLUME, name: "data", props: {} }]);
        assert.deepEqual(out.violations, [
            msg("EBS volume", "data", "`encrypted` is unset, which defaults to false"),
        ]);
        assert.deepEqual(out.urns, [urn(VOLUME, "data")]);
    });

    it("rejects each unencrypted place of an instance: an omitted root device and an attached device", async () => {
        const out = await checkStack(enableEncryption, [
            {
                type: INSTANCE,
                name: "web",
                props: { ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] },
            },
        ]);
        assert.deepEqual(out.violations, [
            msg(
                "EC2 instance",
                "web",
                "`rootBlockDevice` is unset, so the root volume is encrypted only if the AMI's snapshot is",
            ),
            msg(
                "EC2 instance",
                "web",
                '`ebsBlockDevices[0].encrypted` is false for device "/dev/sdf"',
            ),
        ]);
    });

    it("leaves the root volume of an instance launched from a launch template to the template", async () => {
        const out = await checkStack(enableEncryption, [
            { type: INSTANCE, name: "web", props: { launchTemplate: { id: "lt-123" } } },
        ]);
        assert.deepEqual(out.violations, []);
    });

    it('rejects a launch-template EBS mapping with `encrypted` "false", and one from a snapshot without it', async () => {
        const out = await checkStack(enableEncryption, [
            {
                type: TEMPLATE,
                name: "lt",
                props: {
                    blockDeviceMappings: [
                        { deviceName: "/dev/xvda", ebs: { encrypted: "false" } },
                        { deviceName: "/dev/sdf", ebs: { snapshotId: "snap-1" } },
                    ],
                },
            },
        ]);
        assert.deepEqual(out.violations, [
            msg(
                "EC2 launch template",
                "lt",
                '`blockDeviceMappings[0].ebs.encrypted` is false for device "/dev/xvda"',
            ),
            msg(
                "EC2 launch template",
                "lt",
                '`blockDeviceMappings[1].ebs.encrypted` is unset for device "/dev/sdf", so it is encrypted only if snapshot "snap-1" is',
            ),
        ]);
    });

    it("accepts volumes that omit `encrypted` when the stack turns on EBS encryption by default (enabled unset or true)", async () => {
        for (const props of [{}, { enabled: true }]) {
            const out = await checkStack(enableEncryption, [
                { type: DEFAULT, name: "default", props },
                { type: VOLUME, name: "data", props: {} },
                { type: INSTANCE, name: "web", props: {} },
            ]);
            assert.deepEqual(out.violations, []);
        }
    });

    it("accepts omission with `assumeEncryptionByDefault`, but never an explicit `encrypted: false`", async () => {
        const out = await checkStack(
            enableEncryption,
            [
                { type: VOLUME, name: "data", props: {} },
                { type: VOLUME, name: "scratch", props: { encrypted: false } },
            ],
            { assumeEncryptionByDefault: true },
        );
        assert.deepEqual(out.violations, [msg("EBS volume", "scratch", "`encrypted` is false")]);
    });

    it("rejects `EncryptionByDefault` with `enabled: false`, and then still the volumes that omit `encrypted`", async () => {
        const out = await checkStack(enableEncryption, [
            { type: DEFAULT, name: "default", props: { enabled: false } },
            { type: VOLUME, name: "data", props: {} },
        ]);
        assert.deepEqual(out.violations, [
            'EBS encryption by default "default" is turned off (`enabled` is false), so every volume the account creates without `encrypted: true` stores personal data in plaintext; set `enabled: true` (or remove the resource: disabling is never needed).',
            msg("EBS volume", "data", "`encrypted` is unset, which defaults to false"),
        ]);
    });

    it("reads wrongly typed devices without throwing", async () => {
        const out = await checkStack(enableEncryption, [
            {
                type: INSTANCE,
                name: "web",
                props: { rootBlockDevice: "yes", ebsBlockDevices: "x" },
            },
            { type: TEMPLATE, name: "lt", props: { blockDeviceMappings: [null, { ebs: 3 }] } },
        ]);
        assert.deepEqual(out.violations, [
            msg(
                "EC2 instance",
                "web",
                "`rootBlockDevice.encrypted` is unset, which defaults to false",
            ),
            msg(
                "EC2 launch template",
                "lt",
                "`blockDeviceMappings[1].ebs.encrypted` is unset, which defaults to false",
            ),
        ]);
    });

    it("leaves an unknown `encrypted` during preview to the framework", async () => {
        const out = await checkStack(enableEncryption, [
            { type: VOLUME, name: "data", props: { encrypted: unknown.boolean } },
        ]);
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /encrypted/);
    });
});
