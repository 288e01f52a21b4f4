// The cases every storage-encryption rule shares (lib/atRest.ts): one switch that turns encryption
// at rest on, read as a boolean or its provider string, wrongly typed, or unknown during preview.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as assert from "node:assert/strict";
import { checkResource, unknown } from "./harness";

export interface StorageSwitch {
    type: string;
    /** How messages name the store (`DocumentDB cluster`). */
    label: string;
    /** The switch (`storageEncrypted`). */
    prop: string;
    /** The fix the rule's messages end with. */
    fix: string;
    /** What the service does when the switch is unset. */
    unset: "encrypts" | "does not encrypt";
}

/** The message of a storage-encryption rule for a resource named "data". */
export function unencrypted(s: StorageSwitch, why: string): string {
    return `${s.label} "data" does not encrypt its storage at rest (${why}), so the personal data it holds sits on disk and in its snapshots in plaintext; ${s.fix}`;
}

/** Runs the rule against one resource named "data" (of `s.type` unless given). */
export function checkStore(
    policy: ResourceValidationPolicy,
    s: StorageSwitch,
    props: Record<string, any>,
    type = s.type,
) {
    return checkResource(policy, { type, name: "data", props });
}

/** The shared cases, as (title, test) pairs for the rule's `describe` to declare with `it`. */
export function storageSwitchCases(
    policy: ResourceValidationPolicy,
    s: StorageSwitch,
): [string, () => Promise<void>][] {
    const check = (props: Record<string, any>, type?: string) => checkStore(policy, s, props, type);
    return [
        [
            `accepts \`${s.prop}: true\`, and its provider string "true"`,
            async () => {
                assert.deepEqual((await check({ [s.prop]: true })).violations, []);
                assert.deepEqual((await check({ [s.prop]: "true" })).violations, []);
            },
        ],
        [
            `rejects \`${s.prop}: false\` and its provider string "false"`,
            async () => {
                const want = [unencrypted(s, `\`${s.prop}\` is false`)];
                assert.deepEqual((await check({ [s.prop]: false })).violations, want);
                assert.deepEqual((await check({ [s.prop]: "false" })).violations, want);
            },
        ],
        [
            `rejects a wrongly typed \`${s.prop}\` and shows the value`,
            async () => {
                assert.deepEqual((await check({ [s.prop]: "yes" })).violations, [
                    unencrypted(s, `\`${s.prop}\` is "yes", not a boolean`),
                ]);
            },
        ],
        [
            `leaves \`${s.prop}\` unknown during preview to the framework`,
            async () => {
                const out = await check({ [s.prop]: unknown.boolean });
                assert.deepEqual(out.violations, []);
                assert.match(out.unknownDuringPreview ?? "", new RegExp(s.prop));
            },
        ],
        [
            `${s.unset === "encrypts" ? "accepts" : "rejects"} a store that leaves \`${s.prop}\` unset, since the service then ${s.unset}`,
            async () => {
                const out = await check({});
                assert.deepEqual(
                    out.violations,
                    s.unset === "encrypts"
                        ? []
                        : [unencrypted(s, `\`${s.prop}\` is unset, which defaults to false`)],
                );
            },
        ],
        [
            "ignores other resource types",
            async () => {
                assert.deepEqual((await check({}, "aws:s3/bucket:Bucket")).violations, []);
            },
        ],
    ];
}
