/** The index's string columns (actor, url, host, subcategory) as small integer codes. */

/** A growable string → code dictionary. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  get(value: string): number | undefined {
    return this.codes.get(value);
  }
}
