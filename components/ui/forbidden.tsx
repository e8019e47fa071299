export function Forbidden({ message }: { message: string }) {
  return (
    <div
      role="status"
      className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">You can&apos;t open this page.</p>
      <p className="text-sm">{message}</p>
    </div>
  );
}
