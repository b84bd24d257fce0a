// The reasons offered when rejecting a draft (client-safe, no zod: the reject form imports it).
export const rejectPresets = [
  "Wrong recipient",
  "Says something that was not said on the call",
  "Wrong date, time or amount",
  "Not needed: the caller asked for no email",
  "Tone or wording not acceptable",
  "Duplicate of another email",
] as const;
