import * as assert from "node:assert/strict";
import { enforceTls } from "../../../../../../policypack/policies/transport/aws/msk/enforceTls";
import { checkResource, unknown } from "../../../../harness";

const TYPE = "aws:msk/cluster:Cluster";
const compliant = {
    kafkaVersion: "3.6.0",
    numberOfBrokerNodes: 3,
    encryptionInfo: { encryptionInTransit: { clientBroker: "TLS", inCluster: true } },
};

describe("aws-msk-cluster-enforce-tls", () => {
    it("accepts TLS-only client traffic with in-cluster encryption", async () => {
        assert.deepEqual(
            (await checkResource(enforceTls, { type: TYPE, name: "k", props: compliant }))
                .violations,
            [],
        );
    });

    it("accepts a cluster that leaves both settings at their TLS defaults", async () => {
        assert.deepEqual(
            (
                await checkResource(enforceTls, {
                    type: TYPE,
                    name: "k",
                    props: { kafkaVersion: "3.6.0" },
                })
            ).violations,
            [],
        );
    });

    it("rejects TLS_PLAINTEXT client traffic and disabled in-cluster encryption", async () => {
        const out = await checkResource(enforceTls, {
            type: TYPE,
            name: "events",
            props: {
                encryptionInfo: {
                    encryptionInTransit: { clientBroker: "TLS_PLAINTEXT", inCluster: false },
                },
            },
        });
        assert.deepEqual(out.violations, [
            'MSK cluster "events" sets clientBroker "TLS_PLAINTEXT", so clients may produce and consume personal data in plaintext; it should be "TLS".',
            'MSK cluster "events" turns off in-cluster encryption, so brokers replicate personal data in plaintext; it should set `inCluster: true`.',
        ]);
    });

    it("reads wrongly typed fields without throwing", async () => {
        const out = await checkResource(enforceTls, {
            type: TYPE,
            name: "k",
            props: { encryptionInfo: "x" },
        });
        assert.deepEqual(out.violations, []);
    });

    it("leaves a setting that is unknown during preview to the framework instead of reporting it", async () => {
        const out = await checkResource(enforceTls, {
            type: TYPE,
            name: "k",
            props: { encryptionInfo: { encryptionInTransit: { clientBroker: unknown.string } } },
        });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /clientBroker/);
    });
});
