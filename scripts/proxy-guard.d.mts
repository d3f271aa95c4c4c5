export function engineTargetProblem(rawTarget: string, enginePath: string): string | undefined;
