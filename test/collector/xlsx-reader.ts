/**
 * A ZIP and XLSX reader for tests, independent of the writer: it finds the end-of-central-directory
 * record, walks the central directory, checks each local header and data descriptor against it,
 * inflates with `inflateRawSync` and checks sizes and a CRC-32 computed here (table-driven, not
 * zlib's). The XML side checks tags nest and entities are valid, then reads rows and cells.
 */
import { inflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface UnzippedEntry {
  name: string;
  data: Buffer;
  method: number;
  flags: number;
}

export function unzip(file: Buffer): Map<string, UnzippedEntry> {
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory');
  const count = file.readUInt16LE(end + 10);
  const size = file.readUInt32LE(end + 12);
  let p = file.readUInt32LE(end + 16);
  if (p + size !== end) throw new Error('central directory does not end where the end record starts');
  const entries = new Map<string, UnzippedEntry>();
  for (let n = 0; n < count; n++) {
    if (file.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header ${n}`);
    const flags = file.readUInt16LE(p + 8);
    const method = file.readUInt16LE(p + 10);
    const crc = file.readUInt32LE(p + 16);
    const compressed = file.readUInt32LE(p + 20);
    const uncompressed = file.readUInt32LE(p + 24);
    const nameLength = file.readUInt16LE(p + 28);
    const extraLength = file.readUInt16LE(p + 30);
    const commentLength = file.readUInt16LE(p + 32);
    const local = file.readUInt32LE(p + 42);
    const name = file.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    p += 46 + nameLength + extraLength + commentLength;

    if (file.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = file.subarray(local + 30, local + 30 + file.readUInt16LE(local + 26)).toString('utf8');
    if (localName !== name) throw new Error(`local name ${localName} is not ${name}`);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const raw = file.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`unknown method ${method} for ${name}`);
    if (data.length !== uncompressed) throw new Error(`${name}: ${data.length} bytes, directory says ${uncompressed}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    if (flags & 8) {
      const d = start + compressed;
      const withSignature = file.readUInt32LE(d) === 0x08074b50 ? 4 : 0;
      const [dCrc, dCompressed, dSize] = [0, 4, 8].map((o) => file.readUInt32LE(d + withSignature + o));
      if (dCrc !== crc || dCompressed !== compressed || dSize !== uncompressed) throw new Error(`${name}: data descriptor differs`);
    }
    entries.set(name, { name, data, method, flags });
  }
  return entries;
}

const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/** Throws unless tags nest, there is one root, and every `&` starts a valid reference. */
export function checkWellFormed(xml: string): void {
  const token = /<\?xml[^?]*\?>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const checkText = (text: string) => {
    for (let a = text.indexOf('&'); a >= 0; a = text.indexOf('&', a + 1)) {
      ENTITY.lastIndex = a;
      if (!ENTITY.test(text)) throw new Error(`bad reference at …${text.slice(a, a + 12)}`);
    }
  };
  while (i < xml.length) {
    token.lastIndex = i;
    const m = token.exec(xml);
    if (!m) throw new Error(`not well-formed at ${i}: ${xml.slice(i, i + 40)}`);
    i = token.lastIndex;
    if (m[5] !== undefined) {
      if (stack.length === 0 && m[5].trim()) throw new Error('text outside the root');
      checkText(m[5]);
    } else if (m[2]) {
      checkText(m[3] ?? '');
      if (m[1]) {
        if (stack.pop() !== m[2]) throw new Error(`</${m[2]}> does not close the open element`);
      } else if (!m[4]) {
        if (stack.length === 0) roots++;
        stack.push(m[2]);
      } else if (stack.length === 0) roots++;
    }
  }
  if (stack.length) throw new Error(`unclosed ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name]!;
  });
}

export interface SheetCell {
  ref: string;
  style: number;
  type: 'n' | 'inlineStr';
  /** The text, unescaped, or the number. */
  value: string | number;
}

/** Rows of a worksheet's XML: each row's cells by column letter. */
export function readSheet(xml: string): { r: number; cells: SheetCell[] }[] {
  checkWellFormed(xml);
  const rows: { r: number; cells: SheetCell[] }[] = [];
  for (const row of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    const cells: SheetCell[] = [];
    for (const c of row[2]!.matchAll(/<c r="([A-Z]+\d+)"((?:\s+\w+="[^"]*")*)>(.*?)<\/c>/gs)) {
      const attrs = Object.fromEntries([...c[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
      const type = attrs.t === 'inlineStr' ? 'inlineStr' : 'n';
      const value =
        type === 'inlineStr'
          ? unescapeXml(/<is><t(?: xml:space="preserve")?>(.*?)<\/t><\/is>/s.exec(c[3]!)![1]!)
          : Number(/<v>(.*?)<\/v>/.exec(c[3]!)![1]);
      cells.push({ ref: c[1]!, style: Number(attrs.s ?? 0), type, value });
    }
    rows.push({ r: Number(row[1]), cells });
  }
  return rows;
}

/** An XLSX file as sheets (by workbook name) of rows of cell values keyed by column letter. */
export function readXlsx(file: Buffer): { entries: Map<string, UnzippedEntry>; sheets: Map<string, ReturnType<typeof readSheet>> } {
  const entries = unzip(file);
  for (const name of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']) {
    const entry = entries.get(name);
    if (!entry) throw new Error(`missing ${name}`);
    checkWellFormed(entry.data.toString('utf8'));
  }
  const workbook = entries.get('xl/workbook.xml')!.data.toString('utf8');
  const rels = entries.get('xl/_rels/workbook.xml.rels')!.data.toString('utf8');
  const targets = new Map([...rels.matchAll(/Id="(\w+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const sheets = new Map<string, ReturnType<typeof readSheet>>();
  for (const m of workbook.matchAll(/<sheet name="([^"]*)" sheetId="\d+" r:id="(\w+)"\/>/g)) {
    const target = targets.get(m[2]!);
    const entry = target && entries.get(`xl/${target}`);
    if (!entry) throw new Error(`sheet ${m[1]} has no part`);
    sheets.set(unescapeXml(m[1]!), readSheet(entry.data.toString('utf8')));
  }
  return { entries, sheets };
}
