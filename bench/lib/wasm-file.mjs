// Reading a .wasm file's layout (the binary format's sections and data segments): the one reader the
// size sections of the benchmark share.

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
  'element', 'code', 'data', 'data count', 'tag'];

/**
 * The sections of a module, in file order: `{ id, name, start, end, size }` (start/end: the payload;
 * size: with the section's header). Custom sections are named `custom "<name>"`.
 */
export function sections(bytes) {
  const reader = new Reader(bytes, 8);
  const found = [];
  while (reader.at < bytes.length) {
    const header = reader.at;
    const id = bytes[reader.at++];
    const size = reader.leb();
    const start = reader.at;
    let name = SECTION_NAMES[id] ?? `unknown ${id}`;
    if (id === 0) {
      const length = reader.leb();
      name = `custom "${bytes.subarray(reader.at, reader.at + length).toString('utf8')}"`;
    }
    found.push({ id, name, start, end: start + size, size: start + size - header });
    reader.at = start + size;
  }
  return found;
}

/** The data section's segments: `{ index, start, length }`, `start` being the payload's file offset. */
export function dataSegments(bytes) {
  const segments = [];
  for (const section of sections(bytes).filter((s) => s.id === 11)) {
    const reader = new Reader(bytes, section.start);
    for (let n = reader.leb(), index = 0; index < n; index++) {
      const flags = reader.leb();
      if (flags === 2) reader.leb(); // memory index
      if (flags !== 1) while (bytes[reader.at++] !== 0x0b); // offset expression, up to its `end`
      const length = reader.leb();
      segments.push({ index, start: reader.at, length });
      reader.at += length;
    }
  }
  return segments;
}

class Reader {
  constructor(bytes, at) {
    this.bytes = bytes;
    this.at = at;
  }

  /** An unsigned LEB128 number. */
  leb() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.at++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  }
}
