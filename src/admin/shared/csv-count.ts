/**
 * Counts the data records in a CSV text (RFC 4180): a newline inside a quoted cell does not end a
 * record, a doubled quote is a quote, CRLF and LF both end records, a leading BOM and a final line
 * break are ignored, and the header line is not counted. Pure.
 */
export function countCsvRecords(text: string, { header = true } = {}): number {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let records = 0;
  let inQuotes = false;
  let recordHasContent = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inQuotes) {
      if (c === '"') {
        if (body[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      recordHasContent = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      records++;
      recordHasContent = false;
    } else {
      recordHasContent = true;
    }
  }
  if (recordHasContent) records++;
  return Math.max(0, records - (header ? 1 : 0));
}
