import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-500">
        This page does not exist, or you do not have access to it.
      </p>
      <Link className="mt-4 inline-block text-indigo-600 underline" href="/">
        Back to tenants
      </Link>
    </main>
  );
}
