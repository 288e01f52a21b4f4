import * as assert from "node:assert/strict";
import { disallowSecretEnvironment } from "../../../../../../policypack/policies/secrets/aws/lambda/disallowSecretEnvironment";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:lambda/function:Function";
const variables = {
    QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/111122223333/crm-events",
    DB_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:crm-db-AbCdEf",
};

describe("aws-lambda-function-disallow-secret-environment", () => {
    const check = (environment: any) =>
        checkResource(disallowSecretEnvironment, {
            type: TYPE,
            name: "crm-webhook",
            props: { runtime: "nodejs20.x", environment },
        });

    it("accepts variables that hold URLs and secret ARNs", async () => {
        assert.deepEqual((await check({ variables })).violations, []);
    });

    it("rejects a literal API key and names the variable", async () => {
        const out = await check({
            variables: { ...variables, CRM_API_KEY: "k-123-fake-456" },
        });
        assert.deepEqual(out.violations, [
            'Lambda function "crm-webhook" environment variable "CRM_API_KEY" holds a literal secret (detector "secret-like-key"); read it at run time from Vault or Secrets Manager and pass only its ARN.',
        ]);
    });

    it("rejects a Stripe key under a neutral name", async () => {
        const out = await check({
            variables: { PAYMENTS: "sk_live_FAKEfakeFAKEfake0000FAKE" },
        });
        assert.match(out.violations[0], /"PAYMENTS" .*detector "stripe-key"/);
    });

    it("leaves a variable that is unknown during preview to the framework", async () => {
        const out = await check({ variables: { CRM_API_KEY: unknown.string } });
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
    });

    it("does not throw on a missing or wrongly typed environment", async () => {
        assert.deepEqual((await check(undefined)).violations, []);
        assert.deepEqual((await check({ variables: "x" })).violations, []);
        assert.deepEqual((await check({ variables: { A: 1 } })).violations, []);
    });
});
