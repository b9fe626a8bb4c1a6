/**
 * Code 39 barcode patterns, for the RMA number on the printed RMA form (letters, digits and `-` are all
 * in the set). Each character is 9 elements, bar/space alternating from a bar; 1 = wide, 0 = narrow.
 */
const PATTERNS: Record<string, string> = {
  '0': '000110100',
  '1': '100100001',
  '2': '001100001',
  '3': '101100000',
  '4': '000110001',
  '5': '100110000',
  '6': '001110000',
  '7': '000100101',
  '8': '100100100',
  '9': '001100100',
  A: '100001001',
  B: '001001001',
  C: '101001000',
  D: '000011001',
  E: '100011000',
  F: '001011000',
  G: '000001101',
  H: '100001100',
  I: '001001100',
  J: '000011100',
  K: '100000011',
  L: '001000011',
  M: '101000010',
  N: '000010011',
  O: '100010010',
  P: '001010010',
  Q: '000000111',
  R: '100000110',
  S: '001000110',
  T: '000010110',
  U: '110000001',
  V: '011000001',
  W: '111000000',
  X: '010010001',
  Y: '110010000',
  Z: '011010000',
  '-': '010000101',
  '.': '110000100',
  ' ': '011000100',
  '*': '010010100',
};

export interface BarcodeBar {
  x: number;
  width: number;
}

/** The bars of `text` framed by the `*` start/stop character; null when a character is not encodable. */
export function code39Bars(text: string, narrow = 2, wide = 5): { bars: BarcodeBar[]; width: number } | null {
  const chars = `*${text.toUpperCase()}*`.split('');
  const bars: BarcodeBar[] = [];
  let x = 0;
  for (const [ci, ch] of chars.entries()) {
    const pattern = PATTERNS[ch];
    if (!pattern) return null;
    for (let i = 0; i < 9; i++) {
      const w = pattern[i] === '1' ? wide : narrow;
      if (i % 2 === 0) bars.push({ x, width: w });
      x += w;
    }
    if (ci < chars.length - 1) x += narrow; // inter-character gap
  }
  return { bars, width: x };
}
