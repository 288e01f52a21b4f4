import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { unencryptedMessage } from "../../../../lib/atRest";
import { ruleUrl, tags } from "../../../../lib/meta";
import { asArray, asObject, flagProblem, readFlag } from "../../../../lib/read";

const NAME = "aws-ebs-volume-enable-encryption";
const DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const VOLUME = "aws:ebs/volume:Volume";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
/** Types whose block devices are `rootBlockDevice` and `ebsBlockDevices`, and how messages name them. */
const WITH_BLOCK_DEVICES: Record<string, string> = {
    "aws:ec2/instance:Instance": "EC2 instance",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "EC2 spot instance request",
    "aws:ec2/launchConfiguration:LaunchConfiguration": "EC2 launch configuration",
};
const FIX =
    "set `encrypted: true` with a customer-managed `kmsKeyId` on it, or turn on the account's EBS encryption by default (`aws.ebs.EncryptionByDefault` with `enabled: true`) in the stack.";
const BY_DEFAULT_OFF =
    "so every volume the account creates without `encrypted: true` stores personal data in plaintext; set `enabled: true` (or remove the resource: disabling is never needed).";

/** Policy config of {@link enableEncryption}. */
export interface EnableEncryptionConfig {
    /** The account's EBS encryption by default is on, managed outside this stack. */
    assumeEncryptionByDefault?: boolean;
}

/** One block device of a resource: the property that encrypts it, its device name and snapshot. */
interface Device {
    /** `rootBlockDevice.encrypted`, `blockDeviceMappings[0].ebs.encrypted`; `rootBlockDevice` when absent. */
    prop: string;
    encrypted: unknown;
    deviceName?: unknown;
    snapshotId?: unknown;
}

function blockDevices(r: PolicyResource): Device[] {
    const props = r.props;
    if (r.type === LAUNCH_TEMPLATE) {
        const out: Device[] = [];
        asArray(props.blockDeviceMappings).forEach((raw: unknown, i: number) => {
            const m = asObject(raw);
            // Instance-store devices and suppressed AMI devices are not EBS volumes. The provider
            // ignores an empty `noDevice`/`virtualName` (exports carry "" for unset strings).
            const given = (v: unknown) => v !== undefined && v !== null && v !== "";
            if (m.ebs === undefined || given(m.noDevice) || given(m.virtualName)) {
                return;
            }
            const ebs = asObject(m.ebs);
            out.push({
                prop: `blockDeviceMappings[${i}].ebs.encrypted`,
                encrypted: ebs.encrypted,
                deviceName: m.deviceName,
                snapshotId: ebs.snapshotId,
            });
        });
        return out;
    }
    const out: Device[] = [];
    const root = props.rootBlockDevice;
    if (root !== undefined) {
        out.push({ prop: "rootBlockDevice.encrypted", encrypted: asObject(root).encrypted });
    } else if (props.launchTemplate === undefined) {
        // An instance launched from a launch template takes its root volume from there.
        out.push({ prop: "rootBlockDevice", encrypted: undefined });
    }
    asArray(props.ebsBlockDevices).forEach((raw: unknown, i: number) => {
        const d = asObject(raw);
        out.push({
            prop: `ebsBlockDevices[${i}].encrypted`,
            encrypted: d.encrypted,
            deviceName: d.deviceName,
            snapshotId: d.snapshotId,
        });
    });
    return out;
}

/** Why one device is not encrypted, or undefined when it is (or is left to encryption by default). */
function deviceProblem(d: Device, byDefault: boolean): string | undefined {
    const flag = readFlag(d.encrypted);
    if (flag === "on" || (flag === "unset" && byDefault)) {
        return undefined;
    }
    if (d.prop === "rootBlockDevice") {
        return "`rootBlockDevice` is unset, so the root volume is encrypted only if the AMI's snapshot is";
    }
    const device = typeof d.deviceName === "string" ? ` for device "${d.deviceName}"` : "";
    const snapshot = typeof d.snapshotId === "string" && d.snapshotId !== "" ? d.snapshotId : "";
    if (flag === "unset" && snapshot !== "") {
        return `\`${d.prop}\` is unset${device}, so it is encrypted only if snapshot "${snapshot}" is`;
    }
    return `${flagProblem(d.prop, d.encrypted)}${device}`;
}

/**
 * Block storage keeps whatever a workload writes, personal data included, after the instance is
 * gone (Article 32(1)(a)): every EBS volume of the stack — `aws.ebs.Volume`, EC2 instances' root
 * and attached block devices, launch templates' and launch configurations' EBS mappings — is
 * encrypted. A stack that turns on the account's EBS encryption by default
 * (`aws.ebs.EncryptionByDefault`, `enabled` unset or true) makes volumes that merely omit
 * `encrypted` compliant, as does `assumeEncryptionByDefault` when the platform team manages that
 * setting elsewhere; a volume that says `encrypted: false` is still reported, and an
 * `EncryptionByDefault` with `enabled: false` is itself a violation.
 */
export const enableEncryption: StackValidationPolicy = {
    name: NAME,
    description:
        "Checks that EBS volumes, EC2 block devices and launch-template EBS mappings are encrypted at rest.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: tags("encryption", "gdpr-art-32"),
    remediationSteps:
        "Set `encrypted: true` (and `kmsKeyId` to a customer-managed KMS key) on each volume and block device, or add `new aws.ebs.EncryptionByDefault(..., { enabled: true })` to the stack so that the account encrypts every new volume.",
    url: ruleUrl(NAME),
    configSchema: {
        properties: {
            assumeEncryptionByDefault: {
                type: "boolean",
                default: false,
                description:
                    "Treat the account's EBS encryption by default as on when it is managed outside the stack (volumes that omit `encrypted` are then compliant).",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const relevant = args.resources.filter(
            (r) =>
                r.type === DEFAULT ||
                r.type === VOLUME ||
                r.type === LAUNCH_TEMPLATE ||
                r.type in WITH_BLOCK_DEVICES,
        );
        let byDefault = args.getConfig<EnableEncryptionConfig>().assumeEncryptionByDefault === true;
        for (const r of relevant) {
            if (r.type !== DEFAULT) {
                continue;
            }
            const why = flagProblem("enabled", r.props.enabled, true);
            if (why === undefined) {
                byDefault = true;
            } else {
                reportViolation(
                    `EBS encryption by default "${r.name}" is turned off (${why}), ${BY_DEFAULT_OFF}`,
                    r.urn,
                );
            }
        }
        for (const r of relevant) {
            if (r.type === DEFAULT) {
                continue;
            }
            if (r.type === VOLUME) {
                const why = deviceProblem(
                    {
                        prop: "encrypted",
                        encrypted: r.props.encrypted,
                        snapshotId: r.props.snapshotId,
                    },
                    byDefault,
                );
                if (why !== undefined) {
                    reportViolation(unencryptedMessage("EBS volume", r.name, why, FIX), r.urn);
                }
                continue;
            }
            const label =
                r.type === LAUNCH_TEMPLATE ? "EC2 launch template" : WITH_BLOCK_DEVICES[r.type];
            for (const d of blockDevices(r)) {
                const why = deviceProblem(d, byDefault);
                if (why !== undefined) {
                    reportViolation(unencryptedMessage(label, r.name, why, FIX), r.urn);
                }
            }
        }
    },
};
