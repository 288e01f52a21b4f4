// validateSecureSyncJobArgs is pure: these cases need no Pulumi engine and no mocks (this file
// imports neither ./mocks nor any resource), and run on their own with
// `npx mocha test/components/validateSecureSyncJobArgs.spec.ts`.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { validateSecureSyncJobArgs, type SecureSyncJobArgs } from "../../components";

function args(over: Partial<SecureSyncJobArgs> = {}): SecureSyncJobArgs {
    return {
        dataOwner: "sales-operations",
        dataCategory: "customer-contact",
        schedule: "0 2 * * *",
        image: "registry.example.com/crm-erp-sync:1.4.2",
        ...over,
    };
}

/** The refusal's message, or a failure when the arguments are accepted. */
function refusal(over: Partial<SecureSyncJobArgs>): string {
    try {
        validateSecureSyncJobArgs("crm-erp-sync", args(over));
    } catch (e) {
        assert.ok(e instanceof pulumi.ResourceError, `not a ResourceError: ${String(e)}`);
        return e.message;
    }
    assert.fail("the arguments were accepted");
}

describe("validateSecureSyncJobArgs", () => {
    it("derives the plan of valid arguments: names, mesh, limits, env in order, egress per endpoint", () => {
        const plan = validateSecureSyncJobArgs(
            "crm-erp-sync",
            args({
                env: { LOG_LEVEL: "info" },
                endpoints: {
                    crm: { url: "https://crm.internal:8443/api", cidrs: ["10.2.0.0/24"] },
                },
            }),
        );
        assert.equal(plan.sa, "crm-erp-sync");
        assert.equal(plan.mesh, "istio");
        assert.deepEqual([plan.cpu, plan.memory], ["500m", "256Mi"]);
        assert.deepEqual(
            plan.env.map((e) => e.name),
            ["LOG_LEVEL", "CRM_URL", "SYNC_CHUNK_SIZE"],
        );
        assert.deepEqual(plan.egress, [
            {
                to: [{ ipBlock: { cidr: "10.2.0.0/24" } }],
                ports: [{ protocol: "TCP", port: 8443 }],
            },
        ]);
        assert.deepEqual(plan.literalEnv, { LOG_LEVEL: "info" });
    });

    const cases: [string, Partial<SecureSyncJobArgs>, RegExp][] = [
        [
            "a literal password in env",
            { env: { DB_PASSWORD: "Adm1n!CrmErp#2am" } },
            /env\["DB_PASSWORD"\]` would put a credential/,
        ],
        ["a plaintext URL in env", { env: { ERP: "http://erp.internal/api" } }, /env\["ERP"\]/],
        [
            "a schedule that is not cron",
            { schedule: "every night" },
            /`schedule` is "every night", not a cron schedule/,
        ],
        [
            "an endpoint with both cidrs and a namespace",
            {
                endpoints: {
                    crm: { url: "https://crm", cidrs: ["10.0.0.0/24"], namespace: "crm" },
                },
            },
            /needs exactly one of `cidrs` or `namespace`/,
        ],
        [
            "egress to the whole internet",
            { endpoints: { crm: { url: "https://crm", cidrs: ["0.0.0.0/0"] } } },
            /not one network's CIDR/,
        ],
        [
            "one env name set twice (a literal and an endpoint's URL)",
            {
                env: { CRM_URL: "https://crm" },
                endpoints: { crm: { url: "https://crm", cidrs: ["10.0.0.0/24"] } },
            },
            /sets env "CRM_URL" a second time/,
        ],
        [
            "queues without an AWS identity",
            { produces: { out: {} as never } },
            /`aws` is missing while the job uses queues/,
        ],
    ];
    for (const [what, over, message] of cases) {
        it(`refuses ${what}, naming the argument`, () => {
            assert.match(refusal(over), message);
        });
    }

    it("accepts the close look-alikes of those refusals", () => {
        const plan = validateSecureSyncJobArgs(
            "crm-erp-sync",
            args({
                env: { DB_PASSWORD_FILE: "/vault/secrets/db", ERP: "https://erp.internal/api" },
                schedule: "@daily",
                endpoints: { crm: { url: "https://crm", namespace: "crm" } },
            }),
        );
        assert.deepEqual(
            plan.env.map((e) => e.name),
            ["DB_PASSWORD_FILE", "ERP", "CRM_URL", "SYNC_CHUNK_SIZE"],
        );
    });
});
