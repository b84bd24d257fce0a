// A hook's URL as an admin typed it: http or https only (no file:, data:, javascript: or other schemes
// a fetch might reach), no credentials in it, and not absurdly long.
import { AppError } from "@/lib/errors";

export function checkHookUrl(raw: string): string {
  const text = raw.trim();
  if (text.length > 2_000) throw new AppError("validation", "The URL is too long (2,000 characters at most).");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError("validation", "Enter a full URL, starting with https:// (or http://).");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new AppError("validation", `Only http and https URLs can receive hooks, not ${url.protocol.replace(/:$/, "")}.`);
  if (url.username || url.password) throw new AppError("validation", "Put no user name or password in the URL: receivers check the signature instead.");
  if (!url.hostname) throw new AppError("validation", "The URL has no host.");
  return url.toString();
}
