import * as assert from "node:assert/strict";
import {
    OUTPUT_VALUE_SIG,
    RESOURCE_REF_SIG,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN,
    stateToWire,
} from "../../cli/wire";
import { UNREADABLE_SECRET } from "../../policypack/lib/secrets/detector";

const URN = "urn:pulumi:dev::p::aws:iam/role:Role::app";

describe("the engine's wire form for analyzers (stateToWire)", () => {
    it("reduces a reference to a custom resource to its id, as MarshalProperties(KeepResources: false) does", () => {
        assert.equal(
            stateToWire({
                [SIG_KEY]: RESOURCE_REF_SIG,
                urn: URN,
                id: "app-1",
                packageVersion: "7.48.0",
            }),
            "app-1",
        );
    });

    it("reduces a reference whose id is not known yet to unknown, and a component's to its URN", () => {
        assert.equal(stateToWire({ [SIG_KEY]: RESOURCE_REF_SIG, urn: URN, id: "" }), UNKNOWN);
        assert.equal(stateToWire({ [SIG_KEY]: RESOURCE_REF_SIG, urn: URN, id: UNKNOWN }), UNKNOWN);
        assert.equal(stateToWire({ [SIG_KEY]: RESOURCE_REF_SIG, urn: URN }), URN);
    });

    it("reduces references at any depth, leaving look-alike objects alone", () => {
        assert.deepEqual(
            stateToWire({
                roles: [{ [SIG_KEY]: RESOURCE_REF_SIG, urn: URN, id: "app-1" }],
                urn: URN,
                id: "not-a-reference",
            }),
            { roles: ["app-1"], urn: URN, id: "not-a-reference" },
        );
    });

    it("reduces output values to their element, keeping secrets secret and unknowns unknown", () => {
        assert.equal(
            stateToWire({ [SIG_KEY]: OUTPUT_VALUE_SIG, value: "x", dependencies: [URN] }),
            "x",
        );
        assert.deepEqual(stateToWire({ [SIG_KEY]: OUTPUT_VALUE_SIG, value: "pw", secret: true }), {
            [SIG_KEY]: SECRET_SIG,
            value: "pw",
        });
        assert.equal(stateToWire({ [SIG_KEY]: OUTPUT_VALUE_SIG }), UNKNOWN);
    });

    it("opens plaintext secrets and marks ciphertext as present but unreadable", () => {
        assert.deepEqual(stateToWire({ [SIG_KEY]: SECRET_SIG, plaintext: '"hunter2"' }), {
            [SIG_KEY]: SECRET_SIG,
            value: "hunter2",
        });
        assert.deepEqual(stateToWire({ [SIG_KEY]: SECRET_SIG, ciphertext: "v1:abc" }), {
            [SIG_KEY]: SECRET_SIG,
            value: UNREADABLE_SECRET,
        });
    });
});
