// Reading a .wasm file's layout (the binary format's sections, imports and data segments) and writing an
// import section: the one reader the build (scripts/shorten-imports.mjs) and the benchmark's size
// sections share.

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

/**
 * The import section's entries, in order: `{ module, field, kind, desc }` (`kind`: 0 function, 1 table,
 * 2 memory, 3 global, 4 tag; `desc`: the bytes after the names, kept as they are). Throws on a kind the
 * binary format (spec §5.5.5) does not define.
 */
export function imports(bytes) {
  const section = sections(bytes).find((s) => s.id === 2);
  if (!section) return [];
  const reader = new Reader(bytes, section.start);
  const entries = [];
  for (let n = reader.leb(), i = 0; i < n; i++) {
    const module = reader.name();
    const field = reader.name();
    const descStart = reader.at;
    const kind = bytes[reader.at++];
    if (kind === 0) reader.leb(); // function: type index
    else if (kind === 1) { reader.at += 1; reader.limits(); } // table: reference type, limits
    else if (kind === 2) reader.limits(); // memory
    else if (kind === 3) reader.at += 2; // global: value type, mutability
    else if (kind === 4) { reader.at += 1; reader.leb(); } // tag: attribute, type index
    else throw new Error(`import ${module}.${field} has an unknown kind 0x${kind.toString(16)}`);
    entries.push({ module, field, kind, desc: bytes.subarray(descStart, reader.at) });
  }
  if (reader.at !== section.end) throw new Error('the import section does not end where its size says');
  return entries;
}

/** `bytes` with its import section replaced by one holding `entries` (as `imports` returns them). */
export function withImports(bytes, entries) {
  const section = sections(bytes).find((s) => s.id === 2);
  if (!section) throw new Error('the module has no import section');
  const payload = Buffer.concat([
    leb128(entries.length),
    ...entries.flatMap(({ module, field, desc }) => [encodedName(module), encodedName(field), desc]),
  ]);
  const header = section.end - section.size; // where the section (its id byte) starts
  return Buffer.concat([bytes.subarray(0, header), Buffer.from([2]), leb128(payload.length), payload,
    bytes.subarray(section.end)]);
}

function leb128(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

function encodedName(text) {
  const data = Buffer.from(text, 'utf8');
  return Buffer.concat([leb128(data.length), data]);
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

  /** A name: its length in bytes, then UTF-8. */
  name() {
    const length = this.leb();
    const text = this.bytes.subarray(this.at, this.at + length).toString('utf8');
    this.at += length;
    return text;
  }

  /** Table or memory limits: flags, minimum, and a maximum when flag 1 is set. */
  limits() {
    const flags = this.bytes[this.at++];
    this.leb();
    if (flags & 1) this.leb();
  }
}
