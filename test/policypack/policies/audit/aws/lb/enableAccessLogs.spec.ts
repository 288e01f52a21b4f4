import * as assert from "node:assert/strict";
import { enableAccessLogs } from "../../../../../../policypack/policies/audit/aws/lb/enableAccessLogs";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:lb/loadBalancer:LoadBalancer";
const check = (props: Record<string, any>, type = TYPE) =>
    checkResource(enableAccessLogs, { type, name: "api", props });
const msg = (why: string) =>
    `Load balancer "api" writes no access logs (${why}), so there is no record of who sent which request to the services behind it; set \`accessLogs: { bucket: <log bucket>, enabled: true }\`.`;

describe("aws-lb-loadbalancer-enable-access-logs", () => {
    it("accepts ALBs and NLBs (both type tokens) with access logs enabled", async () => {
        for (const type of [TYPE, "aws:alb/loadBalancer:LoadBalancer"]) {
            const out = await check({ accessLogs: { bucket: "logs", enabled: true } }, type);
            assert.deepEqual(out.violations, []);
        }
    });

    it("reports a load balancer without access logs", async () => {
        assert.deepEqual((await check({ loadBalancerType: "application" })).violations, [
            msg("`accessLogs.enabled` is unset, which defaults to false"),
        ]);
    });

    it("reports a bucket without `enabled: true`, which the provider leaves off", async () => {
        assert.deepEqual((await check({ accessLogs: { bucket: "logs" } })).violations, [
            msg("`accessLogs.enabled` is unset, which defaults to false"),
        ]);
        const off = await check({ accessLogs: { bucket: "logs", enabled: false } });
        assert.deepEqual(off.violations, [msg("`accessLogs.enabled` is false")]);
    });

    it("reads wrong types without throwing", async () => {
        const out = await check({ accessLogs: { enabled: "on" } });
        assert.deepEqual(out.violations, [msg('`accessLogs.enabled` is "on", not a boolean')]);
        assert.equal((await check({ accessLogs: "yes" })).violations.length, 1);
    });

    it("does not apply to a Gateway Load Balancer, which has no access logs", async () => {
        const out = await check({ loadBalancerType: "gateway" });
        assert.deepEqual(out.violations, []);
        assert.match(out.notApplicable ?? "", /Gateway/);
    });

    it("leaves `enabled` unknown during preview to the framework", async () => {
        const out = await check({ accessLogs: { bucket: "logs", enabled: unknown.boolean } });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /enabled/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual((await check({}, "aws:elb/loadBalancer:LoadBalancer")).violations, []);
    });
});
