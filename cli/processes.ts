// The processes gdpr-guard starts (the program runner, the policy pack), so that none outlives it:
// when the check is interrupted (Ctrl-C, SIGTERM, a CI job's time limit) or exits, each is killed.
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();

/** Registers a child process until it exits; returns it. */
export function track(child: ChildProcess): ChildProcess {
    live.add(child);
    child.on("exit", () => live.delete(child));
    return child;
}

/** Kills every live child at once (SIGKILL: none of them holds anything worth a clean stop). */
export function stopAll(): number {
    const n = live.size;
    for (const child of live) {
        child.kill("SIGKILL");
    }
    live.clear();
    return n;
}
