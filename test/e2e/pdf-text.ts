/**
 * Just enough PDF reading to find the text Chromium printed: objects, Flate streams (node:zlib),
 * the ToUnicode CMaps of its fonts, and the strings shown by `Tj`/`TJ` in each page's content.
 * Text runs are joined with spaces; compare with whitespace squeezed out when a line may wrap.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0 && /^stream\r?\n/.test(body.slice(s))) {
      dict = body.slice(0, s);
      const dataStart = start + s + (body[s + 6] === '\r' ? 8 : 7);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
      const raw =
        length >= 0 ? pdf.subarray(dataStart, dataStart + length) : pdf.subarray(dataStart, start + body.lastIndexOf('endstream'));
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
    header.lastIndex = end;
  }
  return objects;
}

/** code (hex) → text, and the code length in bytes, from a ToUnicode CMap. */
function readCMap(cmap: string): { map: Map<number, string>; bytes: number } {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  const range = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(cmap);
  const bytes = range ? range[1]!.length / 2 : 2;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(code!, 16), utf16(uni!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const first = utf16(dst!);
      for (let code = parseInt(lo!, 16), n = 0; code <= parseInt(hi!, 16); code++, n++) {
        map.set(code, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + n));
      }
    }
  }
  return { map, bytes };
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** The dictionary text of `/Key << … >>` (one nesting level), or of the object it references. */
function subDict(objects: Map<number, PdfObject>, dict: string, key: string): string {
  const direct = ref(dict, key);
  if (direct !== undefined) return objects.get(direct)?.dict ?? '';
  const at = dict.indexOf(`/${key}`);
  if (at < 0) return '';
  let depth = 0;
  const start = dict.indexOf('<<', at);
  for (let i = start; i < dict.length - 1; i++) {
    if (dict.startsWith('<<', i)) (depth++, i++);
    else if (dict.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return dict.slice(start, i + 1);
    }
  }
  return '';
}

/** Every page's text, in page order. */
export function pdfText(pdf: Buffer): string[] {
  const objects = readObjects(pdf);
  const fonts = new Map<number, ReturnType<typeof readCMap>>();
  const fontOf = (n: number) => {
    if (!fonts.has(n)) {
      const cmapRef = ref(objects.get(n)?.dict ?? '', 'ToUnicode');
      const stream = cmapRef !== undefined ? objects.get(cmapRef)?.stream : null;
      fonts.set(n, stream ? readCMap(stream.toString('latin1')) : { map: new Map(), bytes: 1 });
    }
    return fonts.get(n)!;
  };
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b/.test(o.dict));
  return pages.map((page) => {
    const resources = subDict(objects, page.dict, 'Resources');
    const fontDict = subDict(objects, resources, 'Font');
    const names = new Map([...fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]));
    const contents = [...(/\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? `${ref(page.dict, 'Contents')} 0 R`).matchAll(/(\d+) 0 R/g)];
    const runs: string[] = [];
    for (const [, n] of contents) {
      const content = objects.get(Number(n))?.stream?.toString('latin1') ?? '';
      let font = { map: new Map<number, string>(), bytes: 1 };
      for (const op of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\])\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
        if (op[1]) {
          const obj = names.get(op[1]);
          if (obj !== undefined) font = fontOf(obj);
          continue;
        }
        let run = '';
        for (const [, hex] of (op[2] ?? op[3]!).matchAll(/<([0-9a-fA-F]*)>/g)) {
          const width = font.bytes * 2;
          for (let i = 0; i + width <= hex!.length; i += width) run += font.map.get(parseInt(hex!.slice(i, i + width), 16)) ?? '';
        }
        runs.push(run);
      }
    }
    // NFKC: Chromium prints ligatures (ﬁ, ﬃ) as one glyph whose text is the ligature character.
    return runs.join(' ').normalize('NFKC').replace(/\s+/g, ' ').trim();
  });
}
