// Stands in for the `server-only` marker package under Vitest, which runs as a server.
export {};
