// A moved redaction covers the words now under it.
import { describe, expect, it } from 'vitest';
import { readSearchablePages, searchPages } from '../../pdf/find';
import { buildPdf } from '../../pdf/redaction/testDocuments';
import { textUnder } from './textUnder';

describe('the text a redaction covers', () => {
  it('is the words under its boxes, and nothing for a box over blank page', async () => {
    const pdf = await buildPdf([{ content: 'BT /F1 12 Tf 40 250 Td (Dear Amira Khan, thank you.) Tj ET' }]);
    const [page] = await readSearchablePages(pdf);
    const [region] = searchPages([page!], ['Amira Khan']);
    expect(textUnder(page!, [region!])).toBe('Amira Khan');
    // Moved right by the width of the name, it covers what follows.
    const moved = { ...region!, x: region!.x + region!.width };
    expect(textUnder(page!, [moved])).toMatch(/^, thank/);
    expect(textUnder(page!, [{ x: 0, y: 0, width: 10, height: 10 }])).toBe('');
  });
});
