// Who is acting. Until reviewer accounts land (issue 3) every browser acts as the local reviewer.
import "server-only";

export interface Actor {
  id: string;
  label: string;
  role: "admin" | "reviewer" | "viewer";
}

export async function currentActor(): Promise<Actor> {
  return { id: "local", label: "Local reviewer", role: "admin" };
}
