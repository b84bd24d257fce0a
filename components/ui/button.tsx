import { forwardRef, type ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-accent text-accent-fg hover:opacity-90 border-transparent",
  approve: "bg-ok text-white hover:opacity-90 border-transparent dark:text-black",
  danger: "bg-bad text-white hover:opacity-90 border-transparent dark:text-black",
  secondary: "bg-panel text-fg border-line hover:bg-bg",
  ghost: "bg-transparent text-fg border-transparent hover:bg-bg",
} as const;

export type ButtonVariant = keyof typeof variants;

export const Button = forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: "sm" | "md" }>(function Button(
  { variant = "secondary", size = "md", className = "", type = "button", ...props },
  ref,
) {
  const sizing = size === "sm" ? "px-2.5 py-1 text-sm" : "px-3.5 py-2 text-sm";
  return (
    <button
      ref={ref}
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md border font-medium transition disabled:cursor-not-allowed disabled:opacity-50 ${sizing} ${variants[variant]} ${className}`}
      {...props}
    />
  );
});
