/**
 * Where code may import from, read from the source files themselves: the collector is a server,
 * so nothing outside `src/collector/` may import from it (the admin page and the widgets share
 * its wire types through `src/schema/`). A widget uses another widget's code only through a
 * shared module. And folders import in one direction: a cycle between two folders (or more) means
 * neither can be understood, tested or moved without the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative import (static, type-only, re-export or dynamic) of a file, resolved to a path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s));
}

const inside = (path: string, folder: string) => !relative(join(SRC, folder), path).startsWith('..');

describe('import boundaries', () => {
  const files = sourceFiles(SRC);

  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.flatMap(importsOf).length).toBeGreaterThan(1000);
  });

  it('nothing outside src/collector imports from it', () => {
    const offenders = files
      .filter((f) => !inside(f, 'collector'))
      .flatMap((f) =>
        importsOf(f)
          .filter((target) => inside(target, 'collector'))
          .map((target) => `${relative(ROOT, f)} → ${relative(ROOT, target)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('a widget does not import another widget’s modules', () => {
    const widgetOf = (path: string) => (inside(path, 'widgets') ? relative(join(SRC, 'widgets'), path).split(sep)[0] : undefined);
    const crossings = new Set(
      files.flatMap((f) => {
        const from = widgetOf(f);
        return importsOf(f)
          .map((target) => widgetOf(target))
          .filter((to) => from && to && to !== from)
          .map((to) => `${from} → ${to}`);
      }),
    );
    expect([...crossings]).toEqual([]);
  });

  it('has no import cycle between folders (each widget a folder of its own)', () => {
    const folderOf = (path: string) => {
      const parts = relative(SRC, path).split(sep);
      return parts[0] === 'widgets' ? `widgets/${parts[1]}` : parts.length === 1 ? '.' : parts[0]!;
    };
    const graph = new Map<string, Set<string>>();
    for (const f of files) {
      for (const target of importsOf(f)) {
        const [a, b] = [folderOf(f), folderOf(target)];
        if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
      }
    }
    expect(graph.size).toBeGreaterThan(8);
    // Depth-first search; a folder met again while still on the path closes a cycle.
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (folder: string, path: string[]) => {
      state.set(folder, 'open');
      for (const next of graph.get(folder) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), folder, next].join(' → '));
        else if (!state.has(next)) visit(next, [...path, folder]);
      }
      state.set(folder, 'done');
    };
    for (const folder of graph.keys()) if (!state.has(folder)) visit(folder, []);
    expect(cycles).toEqual([]);
  });
});
