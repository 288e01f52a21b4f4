// ECS container definitions, wherever a resource keeps them: the JSON `containerDefinitions` of
// `aws.ecs.TaskDefinition`, and the `container` / `containers` inputs of the awsx ECS components
// (`awsx:ecs:FargateService` and `EC2Service` under `taskDefinitionArgs`, `FargateTaskDefinition`
// and `EC2TaskDefinition` directly; pulumi-awsx's schema, `TaskDefinitionContainerDefinition`).
// Rules that read containers read them through here, so a component and the task definition it
// builds are judged by one piece of code.
import { asArray, asObject } from "./read";
import { isInside } from "./urn";

/** One container definition and how a message names it. */
export interface EcsContainer {
    /** `"sync"`, or `#0` when the definition has no name. */
    name: string;
    def: Record<string, any>;
}

/** The containers of a resource, or why they cannot be read. */
export type EcsContainers =
    | { subject: string; containers: EcsContainer[]; error?: undefined }
    | { subject: string; containers?: undefined; error: "not-json" | "not-a-list"; place: string };

const AWSX_SERVICES: Record<string, string> = {
    "awsx:ecs:FargateService": "awsx.ecs.FargateService",
    "awsx:ecs:EC2Service": "awsx.ecs.EC2Service",
};
const AWSX_TASK_DEFINITIONS: Record<string, string> = {
    "awsx:ecs:FargateTaskDefinition": "awsx.ecs.FargateTaskDefinition",
    "awsx:ecs:EC2TaskDefinition": "awsx.ecs.EC2TaskDefinition",
};

/** The awsx ECS component types; a task definition or component inside one is judged on the outermost. */
const AWSX_TYPES = [...Object.keys(AWSX_SERVICES), ...Object.keys(AWSX_TASK_DEFINITIONS)];

/** The awsx `container` (one) and `containers` (a map by name) inputs. */
function awsxContainers(args: Record<string, any>): EcsContainer[] {
    const out: EcsContainer[] = [];
    if (args.container !== undefined) {
        const def = asObject(args.container);
        out.push({ name: typeof def.name === "string" ? def.name : "container", def });
    }
    for (const [name, def] of Object.entries(asObject(args.containers))) {
        out.push({ name, def: asObject(def) });
    }
    return out;
}

/**
 * The container definitions of an ECS task definition or awsx ECS component; undefined for other
 * types, and for one that an awsx ECS component builds (`urn` says so): the component's own inputs
 * are judged instead, so an offence is reported once, where its author wrote it.
 */
export function ecsContainers(
    type: string,
    name: string,
    props: Record<string, any>,
    urn?: string,
): EcsContainers | undefined {
    if (urn !== undefined && isInside(urn, AWSX_TYPES)) {
        return undefined;
    }
    if (type === "aws:ecs/taskDefinition:TaskDefinition") {
        const subject = `ECS task definition "${name}"`;
        const raw: unknown = props.containerDefinitions;
        let defs: unknown = raw;
        if (typeof raw === "string") {
            try {
                defs = JSON.parse(raw);
            } catch {
                return { subject, error: "not-json", place: "containerDefinitions" };
            }
        }
        if (raw !== undefined && !Array.isArray(defs)) {
            return { subject, error: "not-a-list", place: "containerDefinitions" };
        }
        return {
            subject,
            containers: asArray(defs).map((d, i) => {
                const def = asObject(d);
                return { name: typeof def.name === "string" ? def.name : `#${i}`, def };
            }),
        };
    }
    const service = AWSX_SERVICES[type];
    if (service) {
        return {
            subject: `${service} "${name}"`,
            containers: awsxContainers(asObject(props.taskDefinitionArgs)),
        };
    }
    const taskDefinition = AWSX_TASK_DEFINITIONS[type];
    return taskDefinition
        ? { subject: `${taskDefinition} "${name}"`, containers: awsxContainers(props) }
        : undefined;
}

/** The literal `environment` entries of a container definition (values that are not strings are skipped). */
export function literalEnvironment(def: Record<string, any>): { name: string; value: string }[] {
    const out: { name: string; value: string }[] = [];
    asArray(def.environment).forEach((entry, i) => {
        const env = asObject(entry);
        if (typeof env.value === "string") {
            out.push({ name: typeof env.name === "string" ? env.name : `#${i}`, value: env.value });
        }
    });
    return out;
}
