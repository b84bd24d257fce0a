// Types of examples/hook-receiver.mjs, for TypeScript receivers and the project's tests.
import type { IncomingMessage, Server } from "node:http";

export declare const TOLERANCE_SECONDS: number;
export declare function verifyCountersignSignature(input: {
  secret: string;
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
  body: string;
  now?: number;
}): boolean;
export declare function readBody(request: IncomingMessage, limit?: number): Promise<string>;
export declare function createHookReceiver(options: {
  secret: string;
  onEvent?: (
    event: { id: string; event: string; createdAt: string; data: Record<string, unknown> },
    meta: { deliveryId: string; event: string | string[] | undefined },
  ) => unknown;
}): Server;
