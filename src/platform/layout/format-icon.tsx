const FORMAT_COLOURS: Record<string, string> = { PDF: '#a8201a', ODT: '#1d5fa8', DOCX: '#1d5fa8', XLSX: '#1f6f43', PNG: '#7a4b00', JPG: '#7a4b00' };

/** A document's format as a drawing, where its first page cannot be shown: a sheet with a folded corner and the format's name. */
export function FormatIcon({ format }: { format: string }) {
  const colour = FORMAT_COLOURS[format] ?? '#4a5560';
  return (
    <svg class="format-icon" viewBox="0 0 60 76" width="60" height="76" aria-hidden="true" focusable="false">
      <path d="M4 2h36l16 16v54a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z" fill="#fff" stroke="#6b7770" stroke-width="2" />
      <path d="M40 2v16h16" fill="none" stroke="#6b7770" stroke-width="2" />
      <rect x="6" y="44" width="48" height="20" rx="3" fill={colour} />
      <text x="30" y="58.5" text-anchor="middle" font-size="12" font-weight="700" fill="#fff" font-family="system-ui, sans-serif">
        {format.slice(0, 4)}
      </text>
    </svg>
  );
}
