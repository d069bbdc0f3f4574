/**
 * POSIX shell quoting (bash, zsh, dash). Single quotes keep every byte literal
 * except `'` itself, which becomes `'\''`. `$'…'` is deliberately not used:
 * dash does not understand it.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A single-quoted `printf` format that prints exactly `bytes`, NUL included.
 * Printable ASCII stays readable; everything else, and `\`, `%`, `'` and a
 * leading `-` (which printf would take for an option), is a three-digit octal
 * escape, which every POSIX printf understands.
 */
export function printfFormat(bytes: Uint8Array): string {
  let out = '';
  bytes.forEach((byte, i) => {
    const plain = byte >= 0x20 && byte <= 0x7e && byte !== 0x5c && byte !== 0x25 && byte !== 0x27 && !(i === 0 && byte === 0x2d);
    out += plain ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  });
  return `'${out}'`;
}
