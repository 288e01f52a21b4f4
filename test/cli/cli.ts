// The built CLI (`dist/cli/main.js`) in a child process, as a user or a CI job runs it: exit code,
// stdout and stderr. For the end-to-end specs; needs `npm run build`.
import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");
export const CLI = path.join(ROOT, "dist", "cli", "main.js");

export interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function gdprGuard(args: string[], cwd = ROOT): Run {
    const r = spawnSync(process.execPath, [CLI, ...args], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function gdprGuardAsync(args: string[], cwd = ROOT): Promise<Run> {
    return new Promise((resolve) => {
        const p = spawn(process.execPath, [CLI, ...args], {
            cwd,
            env: { ...process.env, NO_COLOR: "1" },
        });
        let stdout = "";
        let stderr = "";
        p.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        p.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        p.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}
