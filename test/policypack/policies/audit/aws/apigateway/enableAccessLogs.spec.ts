import * as assert from "node:assert/strict";
import { enableAccessLogs } from "../../../../../../policypack/policies/audit/aws/apigateway/enableAccessLogs";
import { checkResource, unknown } from "../../../../harness";

const REST = "aws:apigateway/stage:Stage";
const V2 = "aws:apigatewayv2/stage:Stage";
const LOGS = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access";
const check = (type: string, props: Record<string, any>) =>
    checkResource(enableAccessLogs, { type, name: "prod", props });
const msg = (label: string, why: string) =>
    `${label} "prod" writes no access logs (${why}), so there is no record of which caller requested which personal data; set \`accessLogSettings\` with a \`destinationArn\` (a CloudWatch Logs log group) and a \`format\`.`;

describe("aws-apigateway-stage-enable-access-logs", () => {
    it("accepts REST and v2 stages with an access-log destination", async () => {
        for (const type of [REST, V2]) {
            const props = { accessLogSettings: { destinationArn: LOGS, format: "{}" } };
            assert.deepEqual((await check(type, props)).violations, []);
        }
    });

    it("reports stages without access-log settings", async () => {
        assert.deepEqual((await check(REST, { stageName: "prod" })).violations, [
            msg("API Gateway stage", "`accessLogSettings` is unset"),
        ]);
        assert.deepEqual((await check(V2, { autoDeploy: true })).violations, [
            msg("API Gateway v2 stage", "`accessLogSettings` is unset"),
        ]);
    });

    it("reports settings without a destination, and wrongly typed ones", async () => {
        const empty = await check(REST, { accessLogSettings: { format: "{}" } });
        assert.deepEqual(empty.violations, [
            msg("API Gateway stage", "`accessLogSettings.destinationArn` is not set"),
        ]);
        const wrong = await check(V2, { accessLogSettings: [LOGS] });
        assert.equal(wrong.violations.length, 1);
    });

    it("leaves a destination unknown during preview to the framework", async () => {
        const out = await check(REST, { accessLogSettings: { destinationArn: unknown.string } });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /destinationArn/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual((await check("aws:apigateway/restApi:RestApi", {})).violations, []);
    });
});
