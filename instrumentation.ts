// Next.js boot hook: the Node.js server process validates its configuration, migrates the
// database and starts the background worker (lib/boot.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
