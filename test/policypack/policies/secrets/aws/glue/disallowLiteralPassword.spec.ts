import * as assert from "node:assert/strict";
import { disallowLiteralPassword } from "../../../../../../policypack/policies/secrets/aws/glue/disallowLiteralPassword";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:glue/connection:Connection";
const JDBC = "jdbc:postgresql://crm.example.internal:5432/crm";
const PASSWORD = "Tr0ub4dor-and-3-more-words";
const check = (connectionProperties: unknown, type = TYPE) =>
    checkResource(disallowLiteralPassword, { type, name: "crm", props: { connectionProperties } });

describe("aws-glue-connection-disallow-literal-password", () => {
    it("accepts a connection that takes its credentials from Secrets Manager (SECRET_ID)", async () => {
        const out = await check({ JDBC_CONNECTION_URL: JDBC, SECRET_ID: "crm/glue" });
        assert.deepEqual(out.violations, []);
    });

    it("rejects a literal PASSWORD, naming the property and never the value", async () => {
        const out = await check({ JDBC_CONNECTION_URL: JDBC, USERNAME: "etl", PASSWORD });
        assert.equal(out.violations.length, 1);
        assert.match(
            out.violations[0],
            /^Glue connection "crm" sets a literal `connectionProperties.PASSWORD` \(detector "[a-z-]+"\); remove it and set `connectionProperties.SECRET_ID` to a Secrets Manager secret that holds the credentials\.$/,
        );
        assert.ok(!out.violations[0].includes(PASSWORD));
    });

    it("rejects a Kafka SASL password too", async () => {
        const out = await check({
            KAFKA_SASL_SCRAM_PASSWORD: PASSWORD,
            KAFKA_SASL_SCRAM_USERNAME: "etl",
        });
        assert.match(out.violations[0], /`connectionProperties.KAFKA_SASL_SCRAM_PASSWORD`/);
    });

    it("accepts an empty or placeholder password and survives wrong types", async () => {
        assert.deepEqual((await check({ PASSWORD: "" })).violations, []);
        assert.deepEqual((await check({ PASSWORD: 42 })).violations, []);
        assert.deepEqual((await check("PASSWORD=x")).violations, []);
        assert.deepEqual((await check(undefined)).violations, []);
    });

    it("leaves a password unknown during preview to the framework", async () => {
        const out = await check({ PASSWORD: unknown.string });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /PASSWORD/);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual((await check({ PASSWORD }, "aws:glue/job:Job")).violations, []);
    });
});
