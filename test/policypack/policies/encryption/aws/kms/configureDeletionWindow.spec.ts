import * as assert from "node:assert/strict";
import { configureDeletionWindow } from "../../../../../../policypack/policies/encryption/aws/kms/configureDeletionWindow";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:kms/key:Key";
const compliant = { enableKeyRotation: true, deletionWindowInDays: 30 };

describe("aws-kms-key-configure-deletion-window", () => {
    it("accepts a key with the minimum deletion window", async () => {
        const out = await checkResource(configureDeletionWindow, {
            type: TYPE,
            name: "k",
            props: compliant,
        });
        assert.deepEqual(out.violations, []);
    });

    it("accepts an unset window, which AWS sets to 30 days", async () => {
        const out = await checkResource(configureDeletionWindow, {
            type: TYPE,
            name: "k",
            props: { enableKeyRotation: true },
        });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a window below the minimum and names the value", async () => {
        const out = await checkResource(configureDeletionWindow, {
            type: TYPE,
            name: "k",
            props: { ...compliant, deletionWindowInDays: 7 },
        });
        assert.deepEqual(out.violations, [
            'KMS key "k" has `deletionWindowInDays` 7, below the minimum of 30 days, leaving too little time to undo a deletion that makes every record it encrypted unreadable; set `deletionWindowInDays` to 30 or more.',
        ]);
    });

    it("accepts a window of 7 days when config lowers the minimum to 7", async () => {
        const out = await checkResource(
            configureDeletionWindow,
            { type: TYPE, name: "k", props: { ...compliant, deletionWindowInDays: 7 } },
            { minDeletionWindowDays: 7 },
        );
        assert.deepEqual(out.violations, []);
    });

    it("rejects an unset window when config asks for more than the AWS default", async () => {
        const out = await checkResource(
            configureDeletionWindow,
            { type: TYPE, name: "k", props: {} },
            { minDeletionWindowDays: 31 },
        );
        assert.deepEqual(out.violations, [
            'KMS key "k" leaves `deletionWindowInDays` unset (AWS uses 30), below the minimum of 31 days; set `deletionWindowInDays` to 31 or more.',
        ]);
    });

    it("reports a window that is not a number instead of passing it", async () => {
        const out = await checkResource(configureDeletionWindow, {
            type: TYPE,
            name: "k",
            props: { deletionWindowInDays: "7" },
        });
        assert.deepEqual(out.violations, [
            'KMS key "k" has a `deletionWindowInDays` that is not a number, so its deletion window cannot be checked; set `deletionWindowInDays` to 30 or more.',
        ]);
    });

    it("leaves a window that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(configureDeletionWindow, {
            type: TYPE,
            name: "k",
            props: { deletionWindowInDays: unknown.number },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /deletionWindowInDays/);
    });

    it("ignores other resource types", async () => {
        const out = await checkResource(configureDeletionWindow, {
            type: "aws:sqs/queue:Queue",
            props: { deletionWindowInDays: 1 },
        });
        assert.deepEqual(out.violations, []);
    });
});
