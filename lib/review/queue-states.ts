// The queue's tabs (client-safe, no zod: the queue's URL reader and the server's schema share it).
export const queueStates = ["pending", "edited", "approved", "rejected", "decided_elsewhere", "all"] as const;
