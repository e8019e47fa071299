/** On an imported key's page: where it came from, and whether it can ever sign. */
export function ImportOriginNote({ keyRow }: { keyRow: { origin: string; canSign: boolean } }) {
  if (keyRow.origin !== "imported") return null;
  return (
    <p
      role="note"
      className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      {keyRow.canSign
        ? "Imported key: its private half was brought from elsewhere and is stored encrypted."
        : "Imported without its private half: it is published so tokens signed elsewhere verify, and it never signs here or becomes active."}
    </p>
  );
}
