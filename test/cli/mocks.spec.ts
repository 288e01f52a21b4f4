import * as assert from "node:assert/strict";
import { answerInvoke } from "../../cli/mocks";

const ctx = { region: "eu-central-1", account: "123456789012" };
const getParameter = (name: unknown) =>
    answerInvoke("aws:ssm/getParameter:getParameter", { name }, ctx as any);

describe("offline invoke answers", () => {
    describe("aws.ssm.getParameter", () => {
        it("answers AWS's public ECS-optimized AMI parameter with the JSON awsx classic parses", () => {
            const out = getParameter("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended");
            const value = JSON.parse(String(out?.value));
            assert.match(value.image_id, /^ami-[0-9a-f]{17}$/);
            assert.equal(out?.name, "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended");
        });

        it("answers image_id and latest-AMI parameters with an AMI id, the same on every run", () => {
            const eks = getParameter(
                "/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id",
            );
            assert.match(String(eks?.value), /^ami-[0-9a-f]{17}$/);
            const al2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
            assert.match(String(getParameter(al2023)?.value), /^ami-[0-9a-f]{17}$/);
            assert.deepEqual(getParameter(al2023), getParameter(al2023));
        });

        it("leaves the account's own parameters, other public ones and odd names unanswered", () => {
            assert.equal(getParameter("/crm/endpoint"), undefined);
            assert.equal(getParameter("/aws/service/global-infrastructure/regions"), undefined);
            assert.equal(getParameter(42), undefined);
        });
    });
});
