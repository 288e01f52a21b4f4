import * as assert from "node:assert/strict";
import { enforceImdsv2 } from "../../../../../../policypack/policies/exposure/aws/ec2/enforceImdsv2";
import { checkResource, unknown } from "../../../../harness";

const INSTANCE = "aws:ec2/instance:Instance";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

async function check(props: Record<string, any>, type = INSTANCE) {
    return checkResource(enforceImdsv2, { type, name: "worker", props });
}

describe("aws-ec2-instance-enforce-imdsv2", () => {
    it("accepts required tokens and a disabled metadata endpoint", async () => {
        assert.deepEqual(
            (await check({ metadataOptions: { httpTokens: "required" } })).violations,
            [],
        );
        assert.deepEqual(
            (await check({ metadataOptions: { httpEndpoint: "disabled", httpTokens: "optional" } }))
                .violations,
            [],
        );
    });

    it("rejects an instance that leaves metadataOptions unset (IMDSv1 allowed)", async () => {
        assert.deepEqual((await check({ ami: "ami-1", instanceType: "t3.micro" })).violations, [
            'EC2 instance "worker" leaves `metadataOptions.httpTokens` unset (the default is optional), so IMDSv1 answers without a session token and one server-side request forgery reads the instance role\'s credentials; set `metadataOptions.httpTokens: "required"`.',
        ]);
    });

    it("rejects a launch template with optional tokens, quoting the value", async () => {
        const out = await check({ metadataOptions: { httpTokens: "optional" } }, TEMPLATE);
        assert.match(
            out.violations[0] ?? "",
            /^EC2 launch template "worker" sets `metadataOptions.httpTokens` to "optional",/,
        );
    });

    it("reads wrongly typed metadataOptions as unset", async () => {
        assert.equal((await check({ metadataOptions: "required" })).violations.length, 1);
    });

    it("leaves tokens that are unknown during preview to the framework", async () => {
        const out = await check({ metadataOptions: { httpTokens: unknown.string } });
        assert.deepEqual(out.violations, []);
        assert.match(out.unknownDuringPreview ?? "", /httpTokens|httpEndpoint/);
    });
});
