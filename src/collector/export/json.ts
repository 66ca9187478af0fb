/**
 * JSON and NDJSON files as chunks of text, for streaming: rows are pulled from the source only as
 * the consumer asks for chunks (an async generator behind `Readable.from` is pull-based, so a slow
 * download pauses the database reads instead of buffering the export in memory).
 *
 * JSON is one array, one record per line (`[\n{…},\n{…}\n]\n`), so it stays easy to diff and to
 * read with line tools; NDJSON is one record per line, `\n`-terminated.
 */
import { Pacer, type RequestsInFlight } from './pace.js';

export type JsonFormat = 'json' | 'ndjson';

const CHUNK_CHARS = 64 * 1024;

export async function* jsonChunks<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  toRecord: (row: T) => unknown,
  format: JsonFormat,
  requests?: RequestsInFlight,
): AsyncGenerator<string> {
  const array = format === 'json';
  let chunk = array ? '[' : '';
  let first = true;
  const pacer = new Pacer(requests);
  for await (const row of rows) {
    if (pacer.due()) await pacer.pause();
    const line = JSON.stringify(toRecord(row));
    chunk += array ? `${first ? '\n' : ',\n'}${line}` : `${line}\n`;
    first = false;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (array) chunk += first ? ']\n' : '\n]\n';
  if (chunk) yield chunk;
}
