import * as assert from "node:assert/strict";
import { configureMaxSessionDuration } from "../../../../../../policypack/policies/least-privilege/aws/iam/configureMaxSessionDuration";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:iam/role:Role";
const role = (maxSessionDuration: unknown) => ({
    type: TYPE,
    name: "sync",
    props: { assumeRolePolicy: "{}", maxSessionDuration },
});

describe("aws-iam-role-configure-max-session-duration", () => {
    it("accepts one hour and an unset duration", async () => {
        const hour = await checkResource(configureMaxSessionDuration, role(3600));
        const unset = await checkResource(configureMaxSessionDuration, { type: TYPE, props: {} });
        assert.deepEqual([...hour.violations, ...unset.violations], []);
    });

    it("rejects a session longer than the default maximum", async () => {
        const out = await checkResource(configureMaxSessionDuration, role(43200));
        assert.deepEqual(out.violations, [
            'IAM role "sync" maxSessionDuration is "43200" seconds; sessions should last at most 3600 seconds so a leaked credential expires soon, so lower it to 3600 or leave it unset (LeastPrivilegeRole does).',
        ]);
    });

    it("follows the configured maximum", async () => {
        const strict = await checkResource(configureMaxSessionDuration, role(3600), {
            maxSessionDurationSeconds: 1800,
        });
        assert.equal(strict.violations.length, 1);
        assert.match(strict.violations[0], /at most 1800 seconds/);
        const relaxed = await checkResource(configureMaxSessionDuration, role(7200), {
            maxSessionDurationSeconds: 7200,
        });
        assert.deepEqual(relaxed.violations, []);
    });

    it("reads a numeric string and does not throw on other types", async () => {
        const str = await checkResource(configureMaxSessionDuration, role("7200"));
        assert.equal(str.violations.length, 1);
        const obj = await checkResource(configureMaxSessionDuration, role({ seconds: 7200 }), {
            maxSessionDurationSeconds: "x",
        });
        assert.deepEqual(obj.violations, []);
    });

    it("leaves a duration that is unknown during preview to the framework", async () => {
        const out = await checkResource(configureMaxSessionDuration, role(unknown.number));
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });
});
