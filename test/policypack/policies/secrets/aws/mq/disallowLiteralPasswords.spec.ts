import * as assert from "node:assert/strict";
import { disallowLiteralPasswords } from "../../../../../../policypack/policies/secrets/aws/mq/disallowLiteralPasswords";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:mq/broker:Broker";

describe("aws-mq-broker-disallow-literal-passwords", () => {
    const check = (users: any) =>
        checkResource(disallowLiteralPasswords, {
            type: TYPE,
            name: "events",
            props: { engineType: "RabbitMQ", users },
        });

    it("accepts a broker without literal user passwords", async () => {
        assert.deepEqual((await check([])).violations, []);
    });

    it("rejects a user with a literal password, naming the user", async () => {
        assert.deepEqual(
            (await check([{ username: "sync", password: "RabbitPass!2024" }])).violations,
            [
                'MQ broker "events" user "sync" has a literal password (detector "secret-like-key"); use LDAP authentication or short-lived credentials from Vault\'s RabbitMQ secrets engine instead.',
            ],
        );
    });

    it("leaves an unknown password to the framework and survives wrong types", async () => {
        const out = await check([{ username: "sync", password: unknown.string }]);
        assert.deepEqual(out.violations, []);
        assert.ok(out.unknownDuringPreview);
        assert.deepEqual((await check([null, { username: 1, password: 2 }])).violations, []);
    });
});
