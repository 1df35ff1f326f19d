// The CSV download of a table: a plain link to the export route (which checks reports.export
// again on the server). Only shown to roles that may export.
import { buttonClasses } from "@rappel/ui";
import { DownloadIcon } from "./chart-frame";

export function CsvLink({ href, label, text }: { href: string; label: string; text: string }) {
  return (
    <a href={href} download aria-label={label} className={buttonClasses("secondary", "min-h-9 px-3 py-1")}>
      <DownloadIcon />
      {text}
    </a>
  );
}
