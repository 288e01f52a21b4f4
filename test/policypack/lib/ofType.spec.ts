import * as assert from "node:assert/strict";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { withExemptions } from "../../../policypack/lib/exemptions";
import { declaredType, ofType } from "../../../policypack/lib/ofType";
import { allPolicies } from "../../../policypack/policies";
import { checkOffline } from "../offline";

const QUEUE = "aws:sqs/queue:Queue";

describe("ofType: rules declared for one resource type", () => {
    it("runs the rule on its type only, and carries the type for the server", async () => {
        const seen: string[] = [];
        const typed = ofType(QUEUE, (args) => {
            seen.push(args.type);
        });
        const report = () => undefined;
        await typed({ type: QUEUE } as ResourceValidationArgs, report);
        await typed({ type: "aws:sns/topic:Topic" } as ResourceValidationArgs, report);
        assert.deepEqual(seen, [QUEUE]);
        assert.equal(declaredType(typed), QUEUE);
        assert.equal(
            declaredType(() => undefined),
            undefined,
        );
    });

    it("stays one function of the same type behind the exemptions wrapper, for every such rule", () => {
        const resourceRules = allPolicies.filter(
            (p): p is ResourceValidationPolicy => "validateResource" in p,
        );
        const declared = resourceRules.filter(
            (p) =>
                typeof p.validateResource === "function" &&
                declaredType(p.validateResource) !== undefined,
        );
        assert.ok(declared.length >= 40, `${declared.length} rules declare their type`);
        const wrapped = new Map(
            withExemptions(declared).map((p) => [p.name, p as ResourceValidationPolicy]),
        );
        for (const p of declared) {
            const w = wrapped.get(p.name)!.validateResource;
            assert.equal(typeof w, "function", p.name);
            assert.equal(
                declaredType(w as never),
                declaredType(p.validateResource as never),
                p.name,
            );
        }
    });

    it("is not counted as not applicable when the server skips it on another type", async () => {
        const r = await checkOffline([
            { type: "aws:sns/topic:Topic", name: "changes", inputs: { name: "changes" } },
        ]);
        // Dozens of typed rules are skipped on the topic (and the stack and provider); none of
        // them declined the topic itself.
        assert.equal(r.report.summary.notApplicable, 0);
    });
});
