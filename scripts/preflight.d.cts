// The types of scripts/preflight.cjs, for the TypeScript that reuses its messages.
export declare const MINIMUM_NODE: number[];
export declare const MINIMUM_JAVA: number;
export declare const JAVA_FIX: string;
export declare function atLeast(version: string, minimum: number[]): boolean;
export declare function nodeProblem(version?: string): string | undefined;
export declare function javaProblem(env?: Record<string, string | undefined>): string | undefined;
