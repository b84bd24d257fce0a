export function Field({ label, ...props }: { label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <input {...props} className="mt-1 w-full rounded-md border border-line bg-bg px-3 py-2" />
    </label>
  );
}
